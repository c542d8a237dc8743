package com.mspanalytics.simulator.world;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures each planted fact on the generated records, in one pass, the way docs/kpis.md defines the KPI
 * (windows end at {@code asOf} = the world's end date, inclusive; only records visible at the end instant count).
 * It is deliberately plain Java over the generator's output, independent of the KPI code it will check.
 */
final class LedgerBuilder implements Consumer<TicketBundle> {

    private final Catalog catalog;
    private final LocalDate asOf;
    private final Instant end;
    private final LocalDate calmStart;
    private final Map<String, int[]> weeklyTickets = new HashMap<>();
    private final Map<String, double[]> weeklyHours = new HashMap<>();
    private final List<Closed> closed90 = new ArrayList<>();
    private final Map<String, Double> billable90 = new HashMap<>();
    private final Map<String, Double> dpatelHours = new LinkedHashMap<>();
    private final Map<String, Integer> trainingByClient = new HashMap<>();
    private final Map<String, java.util.Set<Integer>> activeContacts = new HashMap<>();
    private double contosoHours, contosoOutOfScope, contosoUnbilledOutOfScope;
    private int contosoOutOfScopeEntries;
    private int backupCount, patTraining, patAll, printerCount, emailBefore, emailAfter;
    private double backupHours, printerHours, emailBeforeHours, emailAfterHours;

    private record Closed(Ticket ticket, double hours, boolean oneTouch, Integer rating) {}

    LedgerBuilder(WorldSpec spec, Catalog catalog) {
        this.catalog = catalog;
        this.asOf = spec.endDate();
        this.end = spec.endInstant();
        this.calmStart = Plants.calmWeekStart(spec);
    }

    @Override
    public void accept(TicketBundle bundle) {
        Ticket t = bundle.ticket();
        LocalDate entered = date(t.dateEntered());
        String client = t.client().identifier();
        int week = weeksBeforeCalm(entered);
        if (week >= 0 && week <= 12) {
            String domain = t.category().domain();
            weeklyTickets.computeIfAbsent(client, k -> new int[13])[week]++;
            weeklyTickets.computeIfAbsent("domain|" + domain, k -> new int[13])[week]++;
            weeklyTickets.computeIfAbsent("cell|" + client + "|" + domain, k -> new int[13])[week]++;
        }
        double hours = 0;
        for (TimeEntry e : bundle.timeEntries()) {
            if (e.timeEnd().isAfter(end)) continue;
            hours += e.actualHours();
            LocalDate day = date(e.timeStart());
            int entryWeek = weeksBeforeCalm(day);
            if (entryWeek >= 0 && entryWeek <= 8) weeklyHours.computeIfAbsent(client, k -> new double[9])[entryWeek] += e.actualHours();
            if (client.equals(Catalog.CONTOSO) && inWindow(day, 30)) {
                contosoHours += e.actualHours();
                if (!e.agreement().covers(t.board(), e.workType())) {
                    contosoOutOfScope += e.actualHours();
                    contosoOutOfScopeEntries++;
                    if (e.billableOption() == BillableOption.NoCharge || e.billableOption() == BillableOption.DoNotBill) {
                        contosoUnbilledOutOfScope += e.actualHours();
                    }
                }
            }
            if (inWindow(day, 90)) {
                if (e.billableOption() == BillableOption.Billable) billable90.merge(e.member().identifier(), e.actualHours(), Double::sum);
                if (e.member().identifier().equals(Catalog.DPATEL)) dpatelHours.merge(t.category().domain(), e.actualHours(), Double::sum);
            }
        }
        String category = t.category().key();
        if (inWindow(entered, 90)) {
            if (client.equals(Catalog.INITECH) && category.equals(Plants.BACKUP_FAILED)) {
                backupCount++;
                backupHours += hours;
            }
            activeContacts.computeIfAbsent(client, k -> new java.util.HashSet<>()).add(t.contact().id());
            if (Plants.isTraining(t.category())) trainingByClient.merge(client, 1, Integer::sum);
            if (t.contact().equals(catalog.client(Catalog.UMBRELLA).contacts().get(0))) {
                patAll++;
                if (Plants.isTraining(t.category())) patTraining++;
            }
        }
        if (inWindow(entered, 180) && category.equals(Plants.PRINTER_STUCK)) {
            printerCount++;
            printerHours += hours;
        }
        Project migration = catalog.projects().get(0);
        if (client.equals(Catalog.FABRIKAM) && t.category().domain().equals(migration.domain())) {
            if (!entered.isBefore(migration.actualStart().minusDays(90)) && entered.isBefore(migration.actualStart())) {
                emailBefore++;
                emailBeforeHours += hours;
            } else if (entered.isAfter(migration.actualEnd()) && !entered.isAfter(migration.actualEnd().plusDays(90))) {
                emailAfter++;
                emailAfterHours += hours;
            }
        }
        if (!t.closedAt().isAfter(end) && inWindow(date(t.closedAt()), 90)) {
            var entries = bundle.timeEntries();
            boolean oneTouch = entries.size() == 1 && t.resolutionHours() <= 24;
            Review r = bundle.review();
            Integer rating = r != null && r.ratedAt() != null && !r.ratedAt().isAfter(end) ? r.rating() : null;
            closed90.add(new Closed(t, hours, oneTouch, rating));
        }
    }

    Ledger build(List<SecurityEvent> events) {
        var facts = new ArrayList<PlantedFact>();
        facts.add(ticketSpike());
        facts.addAll(spikeConsequences());
        facts.add(hoursTrend(Catalog.GLOBEX, "hours-spike",
                "Globex logged 3.5x its usual hours per ticket in the latest complete week"));
        facts.add(hoursTrend(Catalog.NORTHWIND, "consequence",
                "Northwind's ticket spike also raises its hours in the latest complete week"));
        facts.add(fact("agreement-mismatch", "out-of-scope-hours", Map.of("client", Catalog.CONTOSO), 30,
                Map.of("totalHours", round(contosoHours), "outOfScopeHours", round(contosoOutOfScope),
                        "outOfScopeShare", round(contosoOutOfScope / contosoHours), "entries", (double) contosoOutOfScopeEntries,
                        "recoverable", round(contosoUnbilledOutOfScope * 150.0)),
                "Contoso logs ~30% of its hours as NoCharge After Hours work against Managed Services, which covers Remote/Onsite only"));
        facts.add(fact("sales-opportunities", "recurring-category", Map.of("client", Catalog.INITECH, "category", Plants.BACKUP_FAILED), 90,
                Map.of("ticketCount", (double) backupCount, "hours", round(backupHours), "costToMsp", round(backupHours * 60.0)),
                "Initech's backup job keeps failing: a managed backup offering would remove it"));
        facts.add(fact("client-training-needs", "training-contact", Map.of("client", Catalog.UMBRELLA, "contact", "Pat Jones"), 90,
                Map.of("trainingTickets", (double) patTraining, "tickets", (double) patAll, "share", round((double) patTraining / patAll)),
                "Pat Jones at Umbrella keeps asking how-to questions"));
        facts.add(trainingClient());
        // docs/kpis.md defaults: hourly cost 60, a Printer fix removes 0.7 of its tickets, a project takes 40 h
        double annualHours = printerHours * 365 / 180, saving = annualHours * 60 * 0.7, projectCost = 40 * 60.0;
        facts.add(fact("improvement-projects", "recurring-issue", Map.of("category", Plants.PRINTER_STUCK), 180,
                Map.of("count", (double) printerCount, "hours", round(printerHours), "annualHours", round(annualHours),
                        "annualSaving", round(saving), "roi", round((saving - projectCost) / projectCost),
                        "paybackMonths", round(projectCost / (saving / 12))),
                "Stuck print queues across many clients: a print-server fix pays back"));
        facts.add(slowTechInDomain());
        facts.add(reopenRate());
        facts.add(fcrStar());
        facts.add(specialist());
        facts.add(lowestComposite());
        Project migration = catalog.projects().get(0);
        facts.add(new PlantedFact("project-impact", "volume-reduction",
                Map.of("client", Catalog.FABRIKAM, "projectId", String.valueOf(migration.id()), "domain", migration.domain()),
                migration.actualEnd(), migration.actualEnd(),
                Map.of("before", (double) emailBefore, "after", (double) emailAfter, "beforeHours", round(emailBeforeHours),
                        "afterHours", round(emailAfterHours), "changePct", round(100.0 * (emailAfter - emailBefore) / emailBefore)),
                "Fabrikam's email migration cut its Email tickets by 60% (90 days before start vs 90 days after close)"));
        facts.add(criticalThreat(events));
        return new Ledger(facts);
    }

    /** Training tickets per active contact against the median client (clients with no tickets in the window excluded). */
    private PlantedFact trainingClient() {
        var rates = new ArrayList<Double>();
        activeContacts.forEach((client, contacts) -> rates.add(trainingByClient.getOrDefault(client, 0) / (double) contacts.size()));
        double median = median(rates);
        int contacts = activeContacts.get(Catalog.UMBRELLA).size(), training = trainingByClient.get(Catalog.UMBRELLA);
        return fact("client-training-needs", "training-client", Map.of("client", Catalog.UMBRELLA), 90,
                Map.of("trainingTickets", (double) training, "activeContacts", (double) contacts,
                        "perContact", round((double) training / contacts), "tenantMedian", round(median),
                        "ratio", round(training / (double) contacts / median)),
                "Umbrella raises the most training tickets per active contact (Pat Jones's questions)");
    }

    private PlantedFact ticketSpike() {
        int[] counts = weeklyTickets.getOrDefault(Catalog.NORTHWIND, new int[13]);
        double[] baseline = new double[12];
        for (int i = 0; i < 12; i++) baseline[i] = counts[12 - i];
        double mean = mean(baseline), sd = stddev(baseline, mean);
        return new PlantedFact("ticket-trends", "ticket-spike", Map.of("client", Catalog.NORTHWIND), calmStart, calmStart.plusDays(6),
                Map.of("count", (double) counts[0], "baselineMean", round(mean), "baselineStddev", round(sd),
                        "z", round((counts[0] - mean) / sd), "ratio", round(counts[0] / mean)),
                "Northwind raised about 3x its usual weekly tickets in the latest complete week");
    }

    /**
     * KPI 11's rule on the domain and client×domain series of the latest complete week: whatever trips it is lifted
     * by Northwind's spike (clean series are held at their baseline), so a correct KPI reports these too.
     */
    private List<PlantedFact> spikeConsequences() {
        var facts = new ArrayList<PlantedFact>();
        weeklyTickets.forEach((key, counts) -> {
            if (!key.contains("|")) return;
            double[] baseline = new double[12];
            for (int i = 0; i < 12; i++) baseline[i] = counts[12 - i];
            double mean = mean(baseline), sd = stddev(baseline, mean);
            if (counts[0] < 5 && mean < 5) return;
            boolean anomaly = sd > 0 ? Math.abs((counts[0] - mean) / sd) >= 2 : poissonTail(counts[0], mean) < 0.01;
            if (!anomaly) return;
            String[] parts = key.split("\\|");
            Map<String, String> keys = parts[0].equals("domain") ? Map.of("dimension", "domain", "domain", parts[1])
                    : Map.of("dimension", "client-domain", "client", parts[1], "domain", parts[2]);
            facts.add(new PlantedFact("ticket-trends", "consequence", keys, calmStart, calmStart.plusDays(6),
                    Map.of("count", (double) counts[0], "baselineMean", round(mean), "baselineStddev", round(sd),
                            "z", sd > 0 ? round((counts[0] - mean) / sd) : Double.NaN),
                    "Lifted by Northwind's spike in the latest complete week"));
        });
        facts.sort(java.util.Comparator.comparing(f -> f.keys().toString()));
        return facts;
    }

    /** P(X at least as far from the mean as {@code count}) for X ~ Poisson(mean), on the side count lies. */
    private static double poissonTail(int count, double mean) {
        double p = Math.exp(-mean), below = 0;
        for (int k = 0; k < count; k++) {
            below += p;
            p *= mean / (k + 1);
        }
        return count >= mean ? 1 - below : below + p;
    }

    private PlantedFact hoursTrend(String client, String kind, String description) {
        double[] hours = weeklyHours.getOrDefault(client, new double[9]);
        double[] baseline = new double[8];
        for (int i = 0; i < 8; i++) baseline[i] = hours[8 - i];
        double mean = mean(baseline), sd = stddev(baseline, mean);
        return new PlantedFact("time-consumption", kind, Map.of("client", client), calmStart, calmStart.plusDays(6),
                Map.of("currentHours", round(hours[0]), "baselineMean", round(mean), "baselineStddev", round(sd),
                        "z", round((hours[0] - mean) / sd), "changePct", round(100 * (hours[0] - mean) / mean)),
                description);
    }

    private PlantedFact slowTechInDomain() {
        var mine = new ArrayList<Double>();
        var team = new ArrayList<Double>();
        var others = new ArrayList<Double>();
        for (Closed c : closed90) {
            if (!c.ticket.category().domain().equals("Network")) continue;
            team.add(c.ticket.resolutionHours());
            (c.ticket.owner().identifier().equals(Catalog.JSMITH) ? mine : others).add(c.ticket.resolutionHours());
        }
        double techMedian = median(mine), teamMedian = median(team);
        return fact("tech-training-needs", "slow-in-domain", Map.of("tech", Catalog.JSMITH, "domain", "Network"), 90,
                Map.of("n", (double) mine.size(), "techMedianHours", round(techMedian), "teamMedianHours", round(teamMedian),
                        "ratio", round(techMedian / teamMedian), "teamMedianExcludingTechHours", round(median(others)),
                        "excessHours", round((techMedian - teamMedian) * mine.size())),
                "jsmith takes 2-3 times the team's median resolution time on Network tickets (team median includes jsmith)");
    }

    /**
     * KPI 03's reopen rate in tnguyen's busiest domain (most closed tickets in the window; ties by name), the team's
     * in the same domain beside it. Every ticket of the world has a status history (ConnectWise's audit trail), so
     * every closed ticket of the window is in the sample.
     */
    private PlantedFact reopenRate() {
        Map<String, int[]> mine = new java.util.TreeMap<>();
        Map<String, int[]> team = new HashMap<>();
        for (Closed c : closed90) {
            String domain = c.ticket.category().domain();
            int reopened = c.ticket.reopen() != null ? 1 : 0;
            int[] all = team.computeIfAbsent(domain, k -> new int[2]);
            all[0]++;
            all[1] += reopened;
            if (c.ticket.owner().identifier().equals(Catalog.TNGUYEN)) {
                int[] own = mine.computeIfAbsent(domain, k -> new int[2]);
                own[0]++;
                own[1] += reopened;
            }
        }
        String domain = mine.entrySet().stream().max(java.util.Comparator.comparingInt((Map.Entry<String, int[]> e) -> e.getValue()[0])
                .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder())).orElseThrow().getKey();
        int[] own = mine.get(domain), all = team.get(domain);
        return fact("tech-training-needs", "reopen-rate", Map.of("tech", Catalog.TNGUYEN, "domain", domain), 90,
                Map.of("n", (double) own[0], "reopened", (double) own[1], "reopenRate", round((double) own[1] / own[0]),
                        "teamN", (double) all[0], "teamReopened", (double) all[1],
                        "teamReopenRate", round((double) all[1] / all[0])),
                "tnguyen's tickets are often closed too early and reopened (reopen rate from the status history)");
    }

    private PlantedFact fcrStar() {
        LocalDate from = asOf.minusDays(29);
        int closed = 0, oneTouch = 0, teamClosed = 0, teamOneTouch = 0;
        for (Closed c : closed90) {
            if (date(c.ticket.closedAt()).isBefore(from)) continue;
            teamClosed++;
            if (c.oneTouch) teamOneTouch++;
            if (c.ticket.owner().identifier().equals(Catalog.RBROWN)) {
                closed++;
                if (c.oneTouch) oneTouch++;
            }
        }
        return fact("tech-efficiency", "first-contact-resolution", Map.of("tech", Catalog.RBROWN), 30,
                Map.of("closed", (double) closed, "fcrRate", round((double) oneTouch / closed),
                        "teamFcrRate", round((double) teamOneTouch / teamClosed)),
                "rbrown resolves most tickets in one touch within 24 hours; the team manages about a third");
    }

    private PlantedFact specialist() {
        double total = dpatelHours.values().stream().mapToDouble(Double::doubleValue).sum();
        double security = dpatelHours.getOrDefault("Security", 0.0), entropy = 0;
        for (double h : dpatelHours.values()) if (h > 0) entropy -= (h / total) * Math.log(h / total);
        long domains = catalog.categories().stream().map(Category::domain).distinct().count();
        return fact("tech-profile", "specialist", Map.of("tech", Catalog.DPATEL, "primaryDomain", "Security"), 90,
                Map.of("hours", round(total), "primaryShare", round(security / total),
                        "specialisation", round(1 - entropy / Math.log(domains))),
                "dpatel works almost only Security tickets (specialisation normalised by ln(number of world domains = "
                        + domains + "))");
    }

    /** KPI 09 exactly as docs/kpis.md defines it, so the expected ranking is known; techs under 5 closed are unranked. */
    private PlantedFact lowestComposite() {
        Map<String, List<Double>> resByCell = new HashMap<>(), hoursByCell = new HashMap<>();
        for (Closed c : closed90) {
            String cell = c.ticket.category().domain() + "|" + c.ticket.priority();
            resByCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(c.ticket.resolutionHours());
            hoursByCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(c.hours);
        }
        Map<String, double[]> cellMedians = new HashMap<>();
        resByCell.forEach((cell, v) -> cellMedians.put(cell, new double[] {median(v), median(hoursByCell.get(cell))}));
        Map<String, List<Closed>> byTech = new LinkedHashMap<>();
        for (Closed c : closed90) byTech.computeIfAbsent(c.ticket.owner().identifier(), k -> new ArrayList<>()).add(c);
        long workingDays = asOf.minusDays(89).datesUntil(asOf.plusDays(1))
                .filter(d -> d.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()).count();
        var names = new ArrayList<String>();
        var metrics = new ArrayList<double[]>();
        byTech.forEach((tech, list) -> {
            if (list.size() < 5) return;
            var relRes = new ArrayList<Double>();
            var relHours = new ArrayList<Double>();
            int fcr = 0, rated = 0, pos = 0, neg = 0;
            for (Closed c : list) {
                double[] m = cellMedians.get(c.ticket.category().domain() + "|" + c.ticket.priority());
                relRes.add(c.ticket.resolutionHours() / m[0]);
                relHours.add(m[1] == 0 ? 1 : c.hours / m[1]);
                if (c.oneTouch) fcr++;
                if (c.rating != null) {
                    rated++;
                    if (c.rating > 0) pos++;
                    if (c.rating < 0) neg++;
                }
            }
            double capacity = catalog.tech(tech).dailyCapacity() * workingDays;
            names.add(tech);
            // sign chosen so that higher = better
            metrics.add(new double[] {-median(relRes), -median(relHours), (double) fcr / list.size(),
                    rated == 0 ? 0 : (double) (pos - neg) / rated, billable90.getOrDefault(tech, 0.0) / capacity});
        });
        double[] composite = new double[names.size()];
        for (int m = 0; m < 5; m++) {
            double[] column = new double[names.size()];
            for (int i = 0; i < column.length; i++) column[i] = metrics.get(i)[m];
            double mean = mean(column), sd = stddev(column, mean);
            for (int i = 0; i < column.length; i++) composite[i] += sd == 0 ? 0 : (column[i] - mean) / sd / 5;
        }
        int index = names.indexOf(Catalog.TNGUYEN);
        int worse = 0;
        for (double c : composite) if (c < composite[index]) worse++;
        double[] mine = metrics.get(index);
        return fact("tech-comparison", "lowest-composite", Map.of("tech", Catalog.TNGUYEN), 90,
                Map.of("rankFromBottom", (double) worse + 1, "ranked", (double) names.size(), "composite", round(composite[index]),
                        "normalisedResolution", round(-mine[0]), "fcrRate", round(mine[2]), "csatScore", round(mine[3])),
                "tnguyen is ~20% slower than the team in every domain, with fewer one-touch fixes and lower CSAT: last once mix is normalised");
    }

    private PlantedFact criticalThreat(List<SecurityEvent> events) {
        SecurityEvent e = events.stream().filter(ev -> ev.severity().equals("critical")).findFirst().orElseThrow();
        return fact("soc-metrics", "sla-breach", Map.of("client", Catalog.WAYNE, "source", "sentinelone", "eventId", e.id(),
                        "severity", "critical"), 30,
                Map.of("ackMinutes", minutes(e.createdAt(), e.acknowledgedAt()), "resolveMinutes", minutes(e.createdAt(), e.resolvedAt()),
                        "resolveTargetMinutes", (double) SecurityEventGenerator.SLA_MINUTES.get("critical")[1]),
                "A critical ransomware threat at Wayne was resolved after 9 hours (target 4 h)");
    }

    private PlantedFact fact(String kpi, String kind, Map<String, String> keys, int windowDays, Map<String, Double> expected,
                             String description) {
        return new PlantedFact(kpi, kind, keys, asOf.minusDays(windowDays - 1L), asOf, expected, description);
    }

    private boolean inWindow(LocalDate day, int days) {
        return !day.isBefore(asOf.minusDays(days - 1L)) && !day.isAfter(asOf);
    }

    private int weeksBeforeCalm(LocalDate day) {
        long diff = calmStart.toEpochDay() + 6 - day.toEpochDay();
        return diff < 0 ? -1 : (int) (diff / 7);
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static double minutes(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) / 60.0;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** Population standard deviation, as docs/kpis.md asks unless stated otherwise. */
    static double stddev(double[] values, double mean) {
        double sq = 0;
        for (double v : values) sq += (v - mean) * (v - mean);
        return values.length == 0 ? 0 : Math.sqrt(sq / values.length);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
