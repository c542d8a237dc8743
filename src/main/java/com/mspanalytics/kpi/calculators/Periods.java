package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.KpiContext;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Calendar periods of the tenant's time zone for the trend KPIs (04, 11): days, ISO weeks (Monday to
 * Sunday) and calendar months. The "latest complete period" is the last whole period ending on or
 * before a given day (the window's {@code to}), so a period that ends on {@code to} counts as complete.
 */
enum Periods {
    DAY("day", "1 day"), WEEK("week", "1 week"), MONTH("month", "1 month");

    /** The PostgreSQL {@code date_trunc} field. */
    final String unit;
    /** The PostgreSQL interval of one period, for {@code generate_series}. */
    final String step;

    Periods(String unit, String step) {
        this.unit = unit;
        this.step = step;
    }

    /**
     * The granularity a request names, one of {@code allowed}; anything else is a 400 naming
     * {@code params.granularity}, like the framework's own parameter checks.
     */
    static Periods of(String granularity, Periods... allowed) {
        for (Periods p : allowed) {
            if (p.unit.equalsIgnoreCase(granularity)) {
                return p;
            }
        }
        String names = java.util.Arrays.stream(allowed).map(p -> p.unit).collect(java.util.stream.Collectors.joining(" or "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "params.granularity: must be " + names);
        problem.setType(com.mspanalytics.web.ProblemTypes.VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", "params.granularity", "message", "must be " + names)));
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** First day of the last whole period that ends on or before {@code day}. */
    LocalDate latestCompleteStart(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusDays(6);
            case MONTH -> day.equals(day.with(TemporalAdjusters.lastDayOfMonth())) ? day.withDayOfMonth(1)
                    : day.withDayOfMonth(1).minusMonths(1);
        };
    }

    /** First day of the period that contains {@code day}. */
    LocalDate startOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    LocalDate plus(LocalDate start, long periods) {
        return switch (this) {
            case DAY -> start.plusDays(periods);
            case WEEK -> start.plusWeeks(periods);
            case MONTH -> start.plusMonths(periods);
        };
    }

    /** Last day of the period starting on {@code start}. */
    LocalDate endOf(LocalDate start) {
        return plus(start, 1).minusDays(1);
    }

    /** "2026-W47" (ISO week-based year and week), "2026-11-23" or "2026-11". */
    String label(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> start.toString().substring(0, 7);
        };
    }

    /** The instant local midnight of {@code day} in the tenant's zone, as a JDBC parameter. */
    static Timestamp startOfDay(KpiContext context, LocalDate day) {
        return Timestamp.from(day.atStartOfDay(context.zone()).toInstant());
    }
}
