package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client's or a tech's page over the filter's range: the hours per week as a chart, their tickets, their CSAT
 * ratings with comments, a client's security events, the open anomalies about them, and what the KPIs' latest stored
 * results say about them.
 *
 * @param kind "Client" or "Tech"
 * @param findings one line per KPI row about them, linking to the KPI's page
 * @param socText null on a tech's page (security events belong to clients)
 */
public record EntityPage(String kind, String name, @Nullable String identifier, String hoursText, ChartSpec hours,
        String hoursJson, List<Ticket> tickets, List<Finding> findings, String csatText, List<Review> reviews,
        @Nullable String socText, List<SocEvent> socEvents, List<AnomaliesPage.Row> anomalies) {

    /** A SmileBack rating of one of their tickets, with the client's comment (untrusted text, shown escaped). */
    public record Review(long ticketId, String rating, String ratedOn, String comment) {
    }

    /** A security event at the client, with how long it waited for an acknowledgement. */
    public record SocEvent(String source, String severity, String status, String title, String created, String waited) {
    }

    public record Ticket(long id, String summary, String status, String board, String entered, @Nullable String other,
            @Nullable String otherHref) {
    }

    public record Finding(String kpi, String text, String href) {
    }
}
