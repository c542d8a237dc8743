package com.mspanalytics.sync;

import com.mspanalytics.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one statement every sync source writes a page with: insert the page's records into a tenant's table, or update
 * the rows they already have, and say how many rows were inserted, updated and (for sources with tombstones) marked
 * deleted. Rendered once, when the source's definition is built; values go in as named parameters ({@code :tenant},
 * and those {@linkplain Builder#bind bound} with the definition or {@linkplain #write given} with the page), never
 * into the text.
 *
 * <p>The rule every source shares: a row whose stored raw record ({@code raw}) equals the new one is not written, so
 * re-reading an overlap costs no writes and counts nothing. Every row gets {@code synced_at = now()} when written.
 * How {@code deleted_at} is kept is the source's {@link Deletion}.
 *
 * <p>In the SQL given to the builder, the source relation ({@link Builder#from}) supplies the raw record as
 * {@code r}; in {@linkplain Builder#onUpdate update expressions} {@code t} is the stored row and {@code EXCLUDED}
 * the proposed one. The key is {@code tenant_id} followed by {@linkplain Builder#key the key columns}: the table's
 * primary key, which {@code ON CONFLICT} names.
 */
public final class Upsert {

    /** How a source's records bear on {@code deleted_at}. */
    public enum Deletion {
        /** The table has no {@code deleted_at}. */
        NONE,
        /**
         * Deletions are found apart from the pages (ConnectWise's reconciliation): a record that comes back is live
         * again, so a marked row is rewritten (and unmarked) even when its raw record did not change.
         */
        UNDELETE,
        /**
         * A record says it is deleted ({@link Builder#deletedWhen}): it is marked when first seen so (and keeps that
         * time while it stays deleted), unmarked when it comes back, and counted as deleted, not inserted or updated.
         */
        TOMBSTONE
    }

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String sql;
    private final Map<String, Object> parameters;
    private final Deletion deletion;

    private Upsert(String sql, Map<String, Object> parameters, Deletion deletion) {
        this.sql = sql;
        this.parameters = Map.copyOf(parameters);
        this.deletion = deletion;
    }

    /** Starts the upsert into {@code table} (a tenant-owned table with {@code tenant_id}, {@code raw} and {@code synced_at}). */
    public static Builder into(String table) {
        return new Builder(table);
    }

    /**
     * A SELECT keeping one record per {@code id} of {@code relation}, the newest by {@code updated} (both SQL over
     * it): {@code ON CONFLICT DO UPDATE} may not touch one row twice in a statement, and a page of a service that
     * does not page by id may hold a record twice.
     */
    public static String newestPer(String id, String updated, String relation) {
        return "SELECT DISTINCT ON (" + id + ") * FROM " + relation + " ORDER BY " + id + ", " + updated + " DESC";
    }

    /** Runs the upsert as {@code tenant} with {@code values} (the page's own named parameters, if any). */
    public PageCounts write(JdbcClient db, TenantId tenant, Map<String, ?> values) {
        return db.sql(sql).param("tenant", tenant.value()).params(parameters).params(values)
                .query((rs, n) -> new PageCounts(rs.getLong("inserted"), rs.getLong("updated"),
                        deletion == Deletion.TOMBSTONE ? rs.getLong("deleted") : 0))
                .single();
    }

    /** Collects the parts of one upsert; {@link #build()} renders it. */
    public static final class Builder {

        private final String table;
        private final List<String> key = new ArrayList<>();
        private final Map<String, String> columns = new LinkedHashMap<>();
        private final Map<String, String> updates = new LinkedHashMap<>();
        private final Map<String, String> with = new LinkedHashMap<>();
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private String from;
        private Deletion deletion = Deletion.NONE;
        private String tombstoneColumn;

        private Builder(String table) {
            if (!table.matches("([a-z_][a-z0-9_]*\\.)?[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("bad table " + table);
            }
            this.table = table;
        }

        /** The key columns after {@code tenant_id}, in the primary key's order; each is also a {@link #column}. */
        public Builder key(String... columns) {
            key.addAll(List.of(columns));
            return this;
        }

        /** {@code column} gets {@code expression} (SQL over the source relation); on update, its new value. */
        public Builder column(String column, String expression) {
            if (!NAME.matcher(column).matches() || List.of("tenant_id", "raw", "synced_at", "deleted_at").contains(column)) {
                throw new IllegalArgumentException(table + ": bad column " + column);
            }
            if (columns.putIfAbsent(column, expression) != null) {
                throw new IllegalArgumentException(table + ": " + column + " given twice");
            }
            return this;
        }

        /** Each entry as a {@link #column}, in the map's order. */
        public Builder columns(Map<String, String> expressions) {
            expressions.forEach(this::column);
            return this;
        }

        /** On update, {@code column} (not a key column) gets {@code expression} rather than {@code EXCLUDED.column}. */
        public Builder onUpdate(String column, String expression) {
            updates.put(column, expression);
            return this;
        }

        /** A common table expression the source relation (or a later one) reads, e.g. {@link #newestPer}. */
        public Builder with(String name, String select) {
            if (!NAME.matcher(name).matches() || name.equals("written") || with.putIfAbsent(name, select) != null) {
                throw new IllegalArgumentException(table + ": bad or repeated name " + name);
            }
            return this;
        }

        /** The relation the records come from: a table, a {@link #with} name, or a FROM list; {@code r} is the raw record. */
        public Builder from(String relation) {
            this.from = relation;
            return this;
        }

        /** Binds {@code :name} to {@code value} in every run of the statement. */
        public Builder bind(String name, Object value) {
            if (!NAME.matcher(name).matches() || name.equals("tenant") || parameters.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(table + ": bad or repeated parameter " + name);
            }
            return this;
        }

        /** {@link Deletion#UNDELETE}. */
        public Builder undeletes() {
            deletion = Deletion.UNDELETE;
            return this;
        }

        /** {@link Deletion#TOMBSTONE}: a record is deleted when {@code column} is {@code value}. */
        public Builder deletedWhen(String column, String value) {
            deletion = Deletion.TOMBSTONE;
            tombstoneColumn = column;
            return bind("tombstone", value);
        }

        public Upsert build() {
            check();
            List<String> names = new ArrayList<>(List.of("tenant_id"));
            List<String> values = new ArrayList<>(List.of(":tenant"));
            List<String> sets = new ArrayList<>();
            columns.forEach((column, expression) -> {
                names.add(column);
                values.add(expression);
                if (!key.contains(column)) {
                    sets.add(column + " = " + updates.getOrDefault(column, "EXCLUDED." + column));
                }
            });
            String unchanged = "t.raw IS DISTINCT FROM EXCLUDED.raw";
            String returning = "(xmax = 0) AS inserted";
            String live = "";
            switch (deletion) {
                case NONE -> { }
                case UNDELETE -> {
                    names.add("deleted_at");
                    values.add("NULL");
                    sets.add("deleted_at = NULL");
                    unchanged += " OR t.deleted_at IS NOT NULL";
                }
                case TOMBSTONE -> {
                    names.add("deleted_at");
                    values.add("CASE WHEN " + columns.get(tombstoneColumn) + " = :tombstone THEN now() END");
                    sets.add("deleted_at = CASE WHEN EXCLUDED." + tombstoneColumn
                            + " = :tombstone THEN coalesce(t.deleted_at, now()) END");
                    returning += ", (deleted_at IS NOT NULL) AS deleted";
                    live = " AND NOT deleted";
                }
            }
            names.addAll(List.of("raw", "synced_at"));
            values.addAll(List.of("r", "now()"));
            sets.addAll(List.of("raw = EXCLUDED.raw", "synced_at = now()"));

            StringBuilder sql = new StringBuilder("WITH ");
            with.forEach((name, select) -> sql.append(name).append(" AS (\n    ").append(select.strip()).append("),\n"));
            sql.append("written AS (\n")
                    .append("    INSERT INTO ").append(table).append(" AS t (").append(String.join(", ", names)).append(")\n")
                    .append("    SELECT ").append(String.join(",\n           ", values)).append('\n')
                    .append("    FROM ").append(from).append('\n')
                    .append("    ON CONFLICT (tenant_id").append(key.stream().map(k -> ", " + k).collect(Collectors.joining()))
                    .append(") DO UPDATE SET ").append(String.join(",\n        ", sets)).append('\n')
                    .append("    WHERE ").append(unchanged).append('\n')
                    .append("    RETURNING ").append(returning).append(")\n")
                    .append("SELECT count(*) FILTER (WHERE inserted").append(live).append(") AS inserted,\n")
                    .append("       count(*) FILTER (WHERE NOT inserted").append(live).append(") AS updated");
            if (deletion == Deletion.TOMBSTONE) {
                sql.append(",\n       count(*) FILTER (WHERE deleted) AS deleted");
            }
            sql.append("\nFROM written");
            return new Upsert(sql.toString(), parameters, deletion);
        }

        private void check() {
            if (from == null || key.isEmpty()) {
                throw new IllegalStateException(table + ": an upsert needs a source relation and a key");
            }
            for (String column : key) {
                if (!columns.containsKey(column)) {
                    throw new IllegalStateException(table + ": key column " + column + " has no value");
                }
            }
            for (String column : updates.keySet()) {
                if (!columns.containsKey(column) || key.contains(column)) {
                    throw new IllegalStateException(table + ": " + column + " is no column to update");
                }
            }
            if (tombstoneColumn != null && !columns.containsKey(tombstoneColumn)) {
                throw new IllegalStateException(table + ": tombstone column " + tombstoneColumn + " has no value");
            }
        }
    }
}
