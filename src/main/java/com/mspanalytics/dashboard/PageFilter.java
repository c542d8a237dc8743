package com.mspanalytics.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The pages' global filter, carried in the URL so a link shows the same view to whoever opens it:
 * {@code ?range=4w|quarter|ytd|custom&from=YYYY-MM-DD&to=YYYY-MM-DD&client=ID}. The range picks which stored results
 * a page shows (the latest computed for a day in the range) and bounds the drill-down lists; the client narrows
 * every list that has clients in it. Nothing here recomputes a KPI.
 *
 * @param client the selected client's id; null for every client
 * @param problem why the URL's custom range was not used (the default range is shown instead)
 */
public record PageFilter(Range range, LocalDate from, LocalDate to, @Nullable Long client, @Nullable String problem) {

    /** The longest custom range: three years of weekly bars is still readable; more is a report, not a page. */
    static final int MAX_DAYS = 3 * 366;
    /** What a page shows without a range in its URL: a quarter, the span a QBR looks at and the sparklines need. */
    static final Range DEFAULT = Range.LAST_QUARTER;

    public enum Range {
        LAST_4_WEEKS("4w", "Last 4 weeks"),
        LAST_QUARTER("quarter", "Last quarter (13 weeks)"),
        YEAR_TO_DATE("ytd", "Year to date"),
        CUSTOM("custom", "Custom");

        private final String param;
        private final String label;

        Range(String param, String label) {
            this.param = param;
            this.label = label;
        }

        public String param() {
            return param;
        }

        public String label() {
            return label;
        }

        static Optional<Range> of(@Nullable String param) {
            return Arrays.stream(values()).filter(r -> r.param.equals(param)).findFirst();
        }
    }

    static PageFilter parse(@Nullable String range, @Nullable String from, @Nullable String to, @Nullable String client,
            LocalDate today) {
        Long clientId = client != null && client.matches("\\d{1,18}") ? Long.valueOf(client) : null;
        Range chosen = Range.of(range).orElse(DEFAULT);
        if (chosen != Range.CUSTOM) {
            return of(chosen, today, clientId, null);
        }
        try {
            LocalDate start = LocalDate.parse(from == null ? "" : from);
            LocalDate end = LocalDate.parse(to == null ? "" : to);
            String problem = start.isAfter(end) ? "The custom range starts after it ends."
                    : end.isAfter(today) ? "The custom range ends after today."
                    : start.plusDays(MAX_DAYS).isBefore(end) ? "The custom range is longer than three years." : null;
            return problem == null ? new PageFilter(Range.CUSTOM, start, end, clientId, null)
                    : of(DEFAULT, today, clientId, problem + " Showing the default range.");
        } catch (DateTimeParseException e) {
            return of(DEFAULT, today, clientId, "A custom range needs a start and an end date. "
                    + "Showing the default range.");
        }
    }

    private static PageFilter of(Range range, LocalDate today, @Nullable Long client, @Nullable String problem) {
        LocalDate from = switch (range) {
            case LAST_4_WEEKS -> today.minusWeeks(4).plusDays(1);
            case LAST_QUARTER -> today.minusWeeks(13).plusDays(1);
            case YEAR_TO_DATE -> today.withDayOfYear(1);
            case CUSTOM -> throw new IllegalArgumentException("a custom range has its own dates");
        };
        return new PageFilter(range, from, today, client, problem);
    }

    boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The filter as a query string for links ("?range=ytd&client=3"); "" for the default, so plain links stay plain. */
    public String query() {
        return query(true);
    }

    /** As {@link #query()}, without the client: for links to a client's or tech's own page. */
    public String rangeQuery() {
        return query(false);
    }

    private String query(boolean withClient) {
        StringBuilder query = new StringBuilder();
        if (range != DEFAULT) {
            query.append("&range=").append(range.param());
        }
        if (range == Range.CUSTOM) {
            query.append("&from=").append(from).append("&to=").append(to);
        }
        if (withClient && client != null) {
            query.append("&client=").append(client);
        }
        return query.isEmpty() ? "" : "?" + query.substring(1);
    }

    public String text() {
        return (range == Range.CUSTOM ? "" : range.label() + ": ") + from + " to " + to;
    }
}
