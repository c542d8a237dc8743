package com.mspanalytics.kpi;

import com.mspanalytics.web.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a request into a window and typed parameters, or one 400 listing everything wrong with it. */
final class KpiRequests {

    static final int MAX_DAYS = 3660;

    private KpiRequests() {
    }

    record Resolved(LocalDate from, LocalDate to, LocalDate asOf, Map<String, Object> params) {
    }

    static Resolved resolve(Kpi<?> kpi, KpiRequest request, LocalDate today, Map<String, Object> defaults) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate asOf = request.asOf() != null ? request.asOf() : today;
        LocalDate from;
        LocalDate to;
        if (request.from() != null || request.to() != null) {
            if (request.from() == null || request.to() == null) {
                errors.add(new FieldError(request.from() == null ? "from" : "to", "from and to go together"));
            }
            if (request.lookbackDays() != null) {
                errors.add(new FieldError("lookbackDays", "give either from/to or lookbackDays, not both"));
            }
            from = request.from();
            to = request.to();
            if (from != null && to != null && from.isAfter(to)) {
                errors.add(new FieldError("from", "must not be after to"));
            }
            if (from != null && to != null && from.plusDays(MAX_DAYS).isBefore(to)) {
                errors.add(new FieldError("to", "the window may span at most " + MAX_DAYS + " days"));
            }
        } else {
            int days = request.lookbackDays() != null ? request.lookbackDays() : kpi.defaultLookbackDays();
            if (days < 1 || days > MAX_DAYS) {
                errors.add(new FieldError("lookbackDays", "must be between 1 and " + MAX_DAYS));
            }
            to = asOf;
            from = asOf.minusDays(Math.max(days, 1) - 1L);
        }
        Map<String, Object> params = new LinkedHashMap<>(defaults);
        if (request.params() != null) {
            request.params().forEach((name, value) -> {
                Object standard = defaults.get(name);
                if (standard == null) {
                    errors.add(new FieldError("params." + name, "unknown parameter; known: " + defaults.keySet()));
                } else if (!sameKind(standard, value)) {
                    errors.add(new FieldError("params." + name, "must be " + kind(standard)));
                } else if (value instanceof Number n && n.doubleValue() < 0) {
                    errors.add(new FieldError("params." + name, "must not be negative"));
                } else {
                    params.put(name, value);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidKpiRequest(errors);
        }
        return new Resolved(from, to, asOf, params);
    }

    private static boolean sameKind(Object standard, Object value) {
        return standard instanceof Number ? value instanceof Number
                : standard instanceof Boolean ? value instanceof Boolean
                : value instanceof String;
    }

    private static String kind(Object standard) {
        return standard instanceof Number ? "a number" : standard instanceof Boolean ? "true or false" : "a string";
    }
}
