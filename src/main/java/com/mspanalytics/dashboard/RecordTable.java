package com.mspanalytics.dashboard;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A KPI's rows as a table: one column per scalar component of the row records (the KPI's own typed result, read by
 * its record components, not by string keys), in declaration order. Nested records and lists of records are left to
 * the charts and the API; lists of plain values are joined.
 */
public record RecordTable(List<String> columns, List<List<Cell>> rows, int total) {

    /** A cell's text, and the client's or tech's page when the cell names one. */
    public record Cell(String text, @Nullable String href) {
    }

    static final int MAX_ROWS = 200;

    static RecordTable of(List<?> records) {
        Map<String, RecordComponent> columns = new LinkedHashMap<>();
        for (Object row : records) {
            for (RecordComponent component : row.getClass().getRecordComponents()) {
                if (isScalar(component)) {
                    columns.putIfAbsent(component.getName(), component);
                }
            }
        }
        boolean mixed = records.stream().map(Object::getClass).distinct().count() > 1;
        List<String> names = new ArrayList<>(columns.keySet());
        if (mixed) {
            names.add(0, "level");
        }
        List<List<Cell>> rows = records.stream().limit(MAX_ROWS).map(row -> {
            List<Cell> cells = new ArrayList<>();
            if (mixed) {
                cells.add(new Cell(row.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), null));
            }
            for (String name : columns.keySet()) {
                cells.add(new Cell(cell(row, name), link(row, name)));
            }
            return cells;
        }).toList();
        return new RecordTable(names.stream().map(RecordTable::heading).toList(), rows, records.size());
    }

    /**
     * The rows that name {@code client} (a cell linking to its page); all rows when no client is chosen or when the
     * rows name no client at all (a KPI of techs: the client filter does not narrow it).
     */
    RecordTable forClient(@Nullable Long client) {
        if (client == null || !namesClients()) {
            return this;
        }
        String page = "/app/clients/" + client;
        List<List<Cell>> kept = rows.stream().filter(row -> row.stream().anyMatch(c -> page.equals(c.href()))).toList();
        return new RecordTable(columns, kept, kept.size());
    }

    /**
     * The rows ordered by one column: by number where every cell of it reads as one ("1,234.5", "12 %"), else by
     * text; blank cells last. An index outside the columns leaves the order as the KPI ranked it.
     */
    RecordTable sortedBy(@Nullable Integer column, boolean descending) {
        if (column == null || column < 0 || column >= columns.size()) {
            return this;
        }
        boolean numeric = rows.stream().map(r -> r.get(column).text()).filter(t -> !t.isBlank())
                .allMatch(t -> number(t) != null);
        Comparator<List<Cell>> order = numeric ? by(r -> number(r.get(column).text()), descending)
                : by(r -> r.get(column).text().isBlank() ? null : r.get(column).text().toLowerCase(java.util.Locale.ROOT),
                        descending);
        return new RecordTable(columns, rows.stream().sorted(order).toList(), total);
    }

    /** Blank cells last, whichever the direction. */
    private static <T extends Comparable<T>> Comparator<List<Cell>> by(java.util.function.Function<List<Cell>, @Nullable T> key,
            boolean descending) {
        return Comparator.comparing(key, Comparator.nullsLast(descending ? Comparator.<T>reverseOrder()
                : Comparator.<T>naturalOrder()));
    }

    private static @Nullable Double number(String text) {
        try {
            return Double.valueOf(text.replace(",", "").replace("%", "").replace("−", "-").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether any row links a client's page: whether the client filter applies to this table. */
    public boolean namesClients() {
        return rows.stream().flatMap(List::stream).anyMatch(c -> c.href() != null && c.href().startsWith("/app/clients/"));
    }

    /** The components of a record with scalar values, as (heading, text) pairs: a summary's facts. */
    static List<Fact> facts(Object record) {
        List<Fact> facts = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (isScalar(component)) {
                facts.add(new Fact(heading(component.getName()), text(value(record, component))));
            }
        }
        return facts;
    }

    public record Fact(String label, String value) {
    }

    private static boolean isScalar(RecordComponent component) {
        Class<?> type = component.getType();
        if (type.isPrimitive() || Number.class.isAssignableFrom(type) || CharSequence.class.isAssignableFrom(type)
                || Boolean.class == type || TemporalAccessor.class.isAssignableFrom(type) || type.isEnum()) {
            return true;
        }
        if (Collection.class.isAssignableFrom(type)) {
            String element = component.getGenericType().getTypeName();
            return element.endsWith("<java.lang.String>") || element.endsWith("<java.lang.Long>");
        }
        return false;
    }

    /** Client columns link to the client's page by the row's companyId, tech columns to the tech's by memberId. */
    private static @Nullable String link(Object row, String name) {
        if (name.equals("client") || name.equals("clientName")) {
            String id = cell(row, "companyId");
            return id.isEmpty() ? null : "/app/clients/" + id;
        }
        if (name.equals("tech") || name.equals("name")) {
            String id = cell(row, "memberId");
            return id.isEmpty() ? null : "/app/techs/" + id;
        }
        return null;
    }

    private static String cell(Object row, String name) {
        for (RecordComponent component : row.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return text(value(row, component));
            }
        }
        return "";
    }

    private static @Nullable Object value(Object record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + record.getClass(), e);
        }
    }

    static String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return String.valueOf(value);
    }

    /** {@code expectedSaving} → "expected saving". */
    static String heading(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
