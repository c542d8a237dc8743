package com.mspanalytics.simulator.graph;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code $filter} subset Graph's security API documents: {@code property op value} joined by {@code and}/{@code or}
 * ({@code and} binds tighter), with {@code eq ne gt ge lt le}, 'single-quoted' strings and unquoted DateTimeOffsets.
 * Properties outside {@code allowed} are refused, as Graph refuses unsupported filter properties.
 */
final class ODataFilter {

    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private ODataFilter() {}

    static <T> Predicate<T> parse(String filter, Set<String> allowed, Function<T, Map<String, Object>> properties) {
        if (filter == null || filter.isBlank()) return t -> true;
        List<String> tokens = tokens(filter);
        Predicate<T> any = null;
        Predicate<T> all = null;
        int i = 0;
        while (i < tokens.size()) {
            if (i + 2 >= tokens.size()) throw new Invalid("Invalid filter clause: incomplete comparison.");
            String property = tokens.get(i), op = tokens.get(i + 1).toLowerCase(), literal = tokens.get(i + 2);
            if (!allowed.contains(property)) throw new Invalid("Invalid filter clause: Could not find a property named '" + property + "'.");
            Predicate<T> clause = comparison(property, op, literal, properties);
            all = all == null ? clause : all.and(clause);
            i += 3;
            if (i < tokens.size()) {
                String joiner = tokens.get(i++).toLowerCase();
                if (joiner.equals("or")) {
                    any = any == null ? all : any.or(all);
                    all = null;
                } else if (!joiner.equals("and")) {
                    throw new Invalid("Invalid filter clause: unexpected '" + joiner + "'.");
                }
            }
        }
        if (all == null) throw new Invalid("Invalid filter clause: dangling operator.");
        return any == null ? all : any.or(all);
    }

    private static <T> Predicate<T> comparison(String property, String op, String literal, Function<T, Map<String, Object>> properties) {
        Object value = literalValue(literal);
        if (!Set.of("eq", "ne", "gt", "ge", "lt", "le").contains(op)) throw new Invalid("Invalid filter clause: unknown operator '" + op + "'.");
        return t -> {
            Object actual = properties.apply(t).get(property);
            if (actual == null) return op.equals("ne");
            int cmp;
            if (value instanceof OffsetDateTime bound) {
                if (!(actual instanceof OffsetDateTime instant)) return false;
                cmp = instant.compareTo(bound);
            } else {
                cmp = actual.toString().compareTo((String) value);
            }
            return switch (op) {
                case "eq" -> cmp == 0;
                case "ne" -> cmp != 0;
                case "gt" -> cmp > 0;
                case "ge" -> cmp >= 0;
                case "lt" -> cmp < 0;
                default -> cmp <= 0;
            };
        };
    }

    private static Object literalValue(String literal) {
        if (literal.startsWith("'")) {
            if (!literal.endsWith("'") || literal.length() < 2) throw new Invalid("Invalid filter clause: unterminated string.");
            return literal.substring(1, literal.length() - 1);
        }
        try {
            return OffsetDateTime.parse(literal);
        } catch (DateTimeParseException e) {
            throw new Invalid("Invalid filter clause: '" + literal + "' is not a valid literal.");
        }
    }

    private static List<String> tokens(String filter) {
        var tokens = new ArrayList<String>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '\'') {
                int end = filter.indexOf('\'', i + 1);
                if (end < 0) throw new Invalid("Invalid filter clause: unterminated string.");
                tokens.add(filter.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = filter.indexOf(' ', i);
                if (end < 0) end = filter.length();
                tokens.add(filter.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }
}
