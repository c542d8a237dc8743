package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.Headline;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the pages write numbers, money and ages: formatted once, here, so templates only print text. */
final class Formats {

    private Formats() {
    }

    static String count(long count) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(count);
    }

    static String headline(Headline headline, String currency) {
        return value(headline.value(), headline.unit(), currency);
    }

    static String value(@Nullable BigDecimal value, Headline.Unit unit, String currency) {
        if (value == null) {
            return "–";
        }
        return switch (unit) {
            case COUNT -> NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
            case HOURS -> decimal(value, 1) + " h";
            case MONEY -> decimal(value, 0) + " " + currency;
            case SHARE -> decimal(value.movePointRight(2), 1) + " %";
        };
    }

    /** The change from {@code before} (a week earlier) to {@code now} in the headline's unit (points for shares). */
    static String change(@Nullable BigDecimal before, @Nullable BigDecimal now, Headline.Unit unit, String currency) {
        if (before == null || now == null) {
            return "no result a week earlier";
        }
        BigDecimal delta = now.subtract(before);
        String sign = delta.signum() > 0 ? "+" : delta.signum() < 0 ? "−" : "±";
        String amount = unit == Headline.Unit.SHARE ? decimal(delta.abs().movePointRight(2), 1) + " pts"
                : value(delta.abs(), unit, currency);
        return sign + amount + " vs a week earlier";
    }

    static String decimal(BigDecimal value, int places) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMinimumFractionDigits(places);
        format.setMaximumFractionDigits(places);
        return format.format(value.setScale(places, RoundingMode.HALF_UP));
    }

    /** "0.4 s", "12 s", "3 min 5 s", "2 h 10 min". */
    static String duration(Duration duration) {
        if (duration.toSeconds() < 10) {
            return decimal(BigDecimal.valueOf(duration.toMillis()).movePointLeft(3), 1) + " s";
        }
        if (duration.toMinutes() < 1) {
            return duration.toSeconds() + " s";
        }
        if (duration.toHours() < 1) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return duration.toHours() + " h " + duration.toMinutesPart() + " min";
    }

    /** "just now", "4 min ago", "3 h ago", "2 days ago". */
    static String age(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + (age.toDays() == 1 ? " day ago" : " days ago");
    }
}
