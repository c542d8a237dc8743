package com.mspanalytics.alerts.digest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.time.temporal.TemporalAdjusters;

/**
 * The week a digest reports: the last complete ISO week (Monday to Sunday, in the tenant's time zone) before the
 * day it is sent, whatever weekday that is, so that its hours are the same week {@code time-consumption} reports.
 */
public record DigestWeek(LocalDate monday, LocalDate sunday) {

    static DigestWeek before(LocalDate day) {
        LocalDate monday = day.minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new DigestWeek(monday, monday.plusDays(6));
    }

    /** e.g. "2026-W47", the key of the week's digest in the notification log. */
    public String label() {
        return String.format(Locale.ROOT, "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
