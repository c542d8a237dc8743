package com.mspanalytics.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client's or a tech's page: the hours of the last weeks as a chart, their recent tickets, and what the KPIs'
 * latest stored results say about them.
 *
 * @param kind "Client" or "Tech"
 * @param findings one line per KPI row about them, linking to the KPI's page
 */
public record EntityPage(String kind, String name, @Nullable String identifier, String hoursText, ChartSpec hours,
        String hoursJson, List<Ticket> tickets, List<Finding> findings) {

    public record Ticket(long id, String summary, String status, String board, String entered, @Nullable String other,
            @Nullable String otherHref) {
    }

    public record Finding(String kpi, String text, String href) {
    }
}
