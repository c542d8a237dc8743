package com.mspanalytics.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the records of one source land, and how a page of them gets there: the values read out of each record
 * while its page is parsed (the <em>staged fields</em>: a JSON path and a PostgreSQL type each), a session-local
 * staging table holding those values and the raw record for one page, and the one statement that upserts the staged
 * page into the table.
 *
 * <p>A page is written as {@code COPY pg_temp.<stage> FROM STDIN} (the values extracted client-side, the raw record as
 * text, parsed into jsonb once by the server) followed by {@link #upsert()}, both in the transaction that also moves
 * the checkpoint ({@link SyncSession#commit(int, List, String, String)}). Why: the former single statement over the
 * page's JSON spent most of its time re-extracting columns from jsonb (each {@code r->'a'->>'b'} decompresses the
 * record again); staged values cost what a {@code COPY} costs (docs/benchmarks.md, Sync).
 *
 * <p>The {@link #upsert()} reads the staging table {@code pg_temp.<stage>} ({@link #stage()}), where a staged field is
 * its quoted path (e.g. {@code "board.id"}, the reference {@link Builder#bigint} returns) and the raw record is the
 * jsonb column {@code r}.
 *
 * <p>A staged field of a scalar type holds what {@code r #>> path} gives (a string unescaped, a number or boolean as
 * text, JSON null or a missing member as SQL NULL), cast by {@code COPY} with the same input function as
 * {@code ::type}; a {@link Type#JSONB} field holds what {@code r #> path} gives. Expressions over {@code r} still
 * work (for rarely synced tables), but each decompresses the raw record once more.
 */
public final class RecordTable {

    /** The PostgreSQL type a staged field is read into. */
    public enum Type {
        TEXT("text"), BIGINT("bigint"), NUMERIC("numeric"), BOOLEAN("boolean"), TIMESTAMPTZ("timestamptz"),
        /** The JSON value itself ({@code r #> path}), not its text. */
        JSONB("jsonb");

        private final String sql;

        Type(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    /**
     * One staged value per record.
     *
     * @param path member names from the record down ({@code ["board", "id"]}); empty for a {@linkplain Builder#param
     *     value given with the page} rather than read from the record
     * @param param for a page value, its name; else null
     */
    public record Field(String column, List<String> path, Type type, String param) {

        /** The field's column in the staging table, quoted: its dotted path, or the page value's name. */
        public String reference() {
            return '"' + column + '"';
        }
    }

    /** Numbers each definition's staging table: one session may stage for several (two sources of one table). */
    private static final AtomicInteger DEFINITIONS = new AtomicInteger();

    private final String table;
    private final String stage;
    private final List<Field> fields;
    private final Upsert upsert;

    private RecordTable(String table, String stage, List<Field> fields, Upsert upsert) {
        this.table = table;
        this.stage = stage;
        this.fields = List.copyOf(fields);
        this.upsert = upsert;
    }

    /** Starts the definition of how records land in {@code table}. */
    public static Builder into(String table) {
        return new Builder(table);
    }

    /** The target table. */
    public String table() {
        return table;
    }

    /**
     * The staging table, in {@code pg_temp}: one per definition (two sources writing one table stage different
     * fields) and database session.
     */
    public String stage() {
        return stage;
    }

    /** In staging column order; the raw record ({@code r}) follows them. */
    public List<Field> fields() {
        return fields;
    }

    /** The statement that upserts the staged page. */
    public Upsert upsert() {
        return upsert;
    }

    /** Empty rows to fill for one commit. */
    public StagedRows rows() {
        return new StagedRows(this);
    }

    /**
     * Creates the staging table unless this session has it. {@code ON COMMIT DELETE ROWS}: every transaction starts
     * with it empty, on whichever pooled connection it runs; and a temporary table is never WAL-logged.
     */
    String createStage() {
        String columns = fields.stream().map(f -> f.reference() + " " + f.type().sql()).collect(Collectors.joining(", "));
        return "CREATE TEMPORARY TABLE IF NOT EXISTS " + stage() + " (" + columns + (columns.isEmpty() ? "" : ", ")
                + "r jsonb NOT NULL) ON COMMIT DELETE ROWS";
    }

    String copy() {
        String columns = fields.stream().map(Field::reference).collect(Collectors.joining(", "));
        return "COPY " + stage() + " (" + columns + (columns.isEmpty() ? "" : ", ") + "r) FROM STDIN";
    }

    /** Collects staged fields while the columns that use them are written. */
    public static final class Builder {

        private final String table;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder(String table) {
            this.table = table;
        }

        /** Stages the text at {@code path} (dot-separated member names) and returns its reference. */
        public String text(String path) {
            return field(path, Type.TEXT);
        }

        public String bigint(String path) {
            return field(path, Type.BIGINT);
        }

        public String numeric(String path) {
            return field(path, Type.NUMERIC);
        }

        public String bool(String path) {
            return field(path, Type.BOOLEAN);
        }

        public String timestamptz(String path) {
            return field(path, Type.TIMESTAMPTZ);
        }

        /** Stages the JSON at {@code path} ({@code r #> path}), e.g. an array to aggregate in SQL. */
        public String json(String path) {
            return field(path, Type.JSONB);
        }

        /** Stages each of {@code paths} as {@code type}, for SQL that names them itself ({@code "ticket.id"}). */
        public Builder stage(Type type, String... paths) {
            for (String path : paths) {
                field(path, type);
            }
            return this;
        }

        /** Stages a value given with each page (the same for all its records), e.g. the parent's id. */
        public String param(String name, Type type) {
            return add(new Field(name, List.of(), type, name));
        }

        /** Stages {@code path} as {@code type}; one path has one type per table. */
        public String field(String path, Type type) {
            if (path.isBlank() || path.contains("\"")) {
                throw new IllegalArgumentException("bad path " + path);
            }
            return add(new Field(path, List.of(path.split("\\.")), type, null));
        }

        private String add(Field field) {
            Field known = fields.putIfAbsent(field.column(), field);
            if (known != null && !known.equals(field)) {
                throw new IllegalArgumentException(table + ": " + field.column() + " staged twice, as " + known.type()
                        + " and " + field.type());
            }
            return field.reference();
        }

        /** Done: {@code upsert} is given the staging table and returns the statement over it (see {@link RecordTable}). */
        public RecordTable build(Function<String, Upsert> upsert) {
            List<Field> staged = new ArrayList<>(fields.values());
            String stage = "pg_temp.sync_stage_" + table + "_" + DEFINITIONS.incrementAndGet();
            return new RecordTable(table, stage, staged, upsert.apply(stage));
        }
    }
}
