package com.mspanalytics.kpi;

import java.util.List;
import java.util.Optional;

/** The twelve KPIs in the order and with the names of the original plan, which is how the pages show them. */
public final class KpiCatalog {

    public record Entry(int number, String slug, String title, String question) {

        public String numberText() {
            return "%02d".formatted(number);
        }
    }

    public static final List<Entry> ALL = List.of(
            new Entry(1, "sales-opportunities", "Sales Opportunities",
                    "Which clients keep hitting a problem that a product or project would remove?"),
            new Entry(2, "client-training-needs", "Client Training Needs",
                    "Which client users raise tickets that training would prevent?"),
            new Entry(3, "tech-training-needs", "Tech Training Needs",
                    "Which tech is markedly slower or weaker than the team, in which domain?"),
            new Entry(4, "time-consumption", "Time Consumption", "Where do the hours go, and how much of it is billable?"),
            new Entry(5, "agreement-mismatch", "Agreement Mismatch",
                    "What work falls outside the clients' agreements, and what of it goes unbilled?"),
            new Entry(6, "improvement-projects", "Improvement Projects",
                    "Which recurring issues would pay back a fix project, and how fast?"),
            new Entry(7, "tech-efficiency", "Tech Efficiency", "How fast, how well and how busy is each tech?"),
            new Entry(8, "tech-profile", "Tech Profile", "Who works in which domains, and who is a specialist?"),
            new Entry(9, "tech-comparison", "Tech Comparison", "How do techs compare once the ticket mix is normalised?"),
            new Entry(10, "project-impact", "Project Impact", "Did each finished project reduce the client's tickets?"),
            new Entry(11, "ticket-trends", "Ticket Trends", "Which clients' ticket volume left its usual band?"),
            new Entry(12, "soc-metrics", "SOC Metrics", "How fast are security events acknowledged and resolved?"));

    private KpiCatalog() {
    }

    public static Optional<Entry> find(String slug) {
        return ALL.stream().filter(e -> e.slug().equals(slug)).findFirst();
    }
}
