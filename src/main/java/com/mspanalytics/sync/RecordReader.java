package com.mspanalytics.sync;

import com.mspanalytics.sync.RecordTable;
import com.mspanalytics.sync.StagedRows;
import com.mspanalytics.sync.SyncFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a page of JSON records once, as a token stream, into a {@link RecordTable}'s {@link StagedRows}: for each
 * record its staged fields (members not on a staged path are skipped, not built) and its raw bytes, copied from the
 * response body as they are. No tree of the page is built; the envelope around the records array (a next link, a
 * cursor) is, being small.
 *
 * <p>What a staged field holds follows PostgreSQL's {@code #>>} ({@code #>} for {@link RecordTable.Type#JSONB}): a
 * string unescaped, a number as its text (in plain notation, as {@code numeric} prints it), {@code true} or
 * {@code false}, SQL NULL for JSON null or a missing member or a path through a non-object, and the JSON text of an
 * object or array (as sent; jsonb would re-space it).
 */
public final class RecordReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a value was in the JSON. */
    public enum Kind { MISSING, NULL, STRING, NUMBER, BOOLEAN, OBJECT, ARRAY }

    /** A path step: the field it stages (or -1) and the steps below it. */
    private static final class Step {
        final Map<String, Step> below = new HashMap<>();
        int field = -1;
    }

    private final RecordTable table;
    private final List<RecordTable.Field> fields;
    private final Map<String, Integer> byPath = new HashMap<>();
    private final Step root = new Step();

    public RecordReader(RecordTable table) {
        this.table = table;
        this.fields = table.fields();
        for (int i = 0; i < fields.size(); i++) {
            RecordTable.Field field = fields.get(i);
            if (field.param() != null) {
                continue;
            }
            Step step = root;
            for (String name : field.path()) {
                step = step.below.computeIfAbsent(name, n -> new Step());
            }
            step.field = i;
            byPath.put(field.column(), i);
        }
    }

    public RecordTable table() {
        return table;
    }

    /** The records of one page, in order, and the envelope around them. */
    public static final class Page {

        private final List<Record> records;
        private final ObjectNode envelope;

        Page(List<Record> records, ObjectNode envelope) {
            this.records = records;
            this.envelope = envelope;
        }

        public List<Record> records() {
            return records;
        }

        public int size() {
            return records.size();
        }

        public boolean isEmpty() {
            return records.isEmpty();
        }

        public Record last() {
            return records.get(records.size() - 1);
        }

        /** The members around the records array (empty when the page is a bare array). */
        public ObjectNode envelope() {
            return envelope;
        }
    }

    /** One record as read: its staged fields by path, and its raw JSON. */
    public final class Record {

        private final byte[] body;
        private final String[] text;
        private final int[] from;
        private final int[] to;
        private final Kind[] kinds;
        private int rawFrom;
        private int rawTo;

        Record(byte[] body) {
            this.body = body;
            int n = fields.size();
            this.text = new String[n];
            this.from = new int[n];
            this.to = new int[n];
            this.kinds = new Kind[n];
            Arrays.fill(kinds, Kind.MISSING);
        }

        /** The staged field at {@code path} as {@code #>>} gives it (null for SQL NULL). */
        public String text(String path) {
            int i = index(path);
            return switch (kinds[i]) {
                case MISSING, NULL -> null;
                case OBJECT, ARRAY -> slice(from[i], to[i]);
                default -> text[i];
            };
        }

        /** What the staged field at {@code path} was in the JSON. */
        public Kind kind(String path) {
            return kinds[index(path)];
        }

        /** The record as a tree, parsed again from its raw bytes: for what is not staged. */
        public JsonNode json() {
            return JSON.readTree(Arrays.copyOfRange(body, rawFrom, rawTo));
        }

        private int index(String path) {
            Integer i = byPath.get(path);
            if (i == null) {
                throw new IllegalArgumentException(path + " is not staged in " + table.table());
            }
            return i;
        }

        private String slice(int start, int end) {
            return new String(body, start, end - start, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads {@code body} and appends each record to {@code rows}.
     *
     * @param recordsField the envelope member holding the records array, or null when the body is the array
     * @param params values of the table's page fields ({@link RecordTable.Builder#param}), by name
     * @param failure turns a problem ("the response is not valid JSON") into the run's failure naming the page
     * @throws SyncFailure when the body is not JSON, has no records array or holds a record that is not an object
     */
    public Page read(byte[] body, String recordsField, StagedRows rows, Map<String, String> params,
            Function<String, SyncFailure> failure) {
        if (rows.table() != table) {
            throw new IllegalArgumentException("rows of " + rows.table().table() + ", not " + table.table());
        }
        rows.reserve(body.length + body.length / 4);   // the raw records, their staged values and escapes
        List<Record> records = new ArrayList<>();
        ObjectNode envelope = JSON.createObjectNode();
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (recordsField == null) {
                if (first != JsonToken.START_ARRAY) {
                    throw failure.apply("expected a JSON array");
                }
                records(parser, body, rows, params, records, failure);
            } else {
                if (first != JsonToken.START_OBJECT) {
                    throw failure.apply("no " + recordsField + " array");
                }
                boolean found = false;
                String name;
                while ((name = parser.nextName()) != null) {
                    JsonToken value = parser.nextToken();
                    if (name.equals(recordsField) && value == JsonToken.START_ARRAY && !found) {
                        found = true;
                        records(parser, body, rows, params, records, failure);
                    } else if (name.equals(recordsField)) {
                        throw failure.apply("no " + recordsField + " array");
                    } else {
                        envelope.set(name, parser.readValueAsTree());
                    }
                }
                if (!found) {
                    throw failure.apply("no " + recordsField + " array");
                }
            }
            if (parser.nextToken() != null) {
                throw failure.apply("the response is not valid JSON");
            }
        } catch (JacksonException e) {
            throw failure.apply("the response is not valid JSON");
        }
        return new Page(records, envelope);
    }

    private void records(JsonParser parser, byte[] body, StagedRows rows, Map<String, String> params,
            List<Record> records, Function<String, SyncFailure> failure) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw failure.apply("a record that is not a JSON object");
            }
            Record record = new Record(body);
            record.rawFrom = offset(parser.currentTokenLocation().getByteOffset());
            object(parser, root, record);
            record.rawTo = offset(parser.currentLocation().getByteOffset());
            stage(record, rows, params);
            records.add(record);
        }
    }

    /** The members of the object the parser is at, down the staged paths; the parser ends on its END_OBJECT. */
    private void object(JsonParser parser, Step step, Record record) {
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken token = parser.nextToken();
            Step below = step.below.get(name);
            if (below == null) {
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
            } else {
                value(parser, token, below, record);
            }
        }
    }

    private void value(JsonParser parser, JsonToken token, Step step, Record record) {
        int field = step.field;
        int start = offset(parser.currentTokenLocation().getByteOffset());
        switch (token) {
            case START_OBJECT -> {
                if (step.below.isEmpty()) {
                    parser.skipChildren();
                } else {
                    object(parser, step, record);
                }
                if (field >= 0) {
                    range(record, field, Kind.OBJECT, start, parser);
                }
            }
            case START_ARRAY -> {
                parser.skipChildren();
                if (field >= 0) {
                    range(record, field, Kind.ARRAY, start, parser);
                }
            }
            default -> {
                if (field < 0) {
                    return;               // a scalar where the path goes on: nothing there
                }
                Kind kind = switch (token) {
                    case VALUE_STRING -> Kind.STRING;
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Kind.NUMBER;
                    case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
                    default -> Kind.NULL;
                };
                String text = switch (kind) {
                    case STRING -> parser.getString();
                    case NUMBER -> plain(parser.getString());
                    case BOOLEAN -> token == JsonToken.VALUE_TRUE ? "true" : "false";
                    default -> null;
                };
                record.kinds[field] = kind;
                record.text[field] = text;
                record.from[field] = start;
                record.to[field] = offset(parser.currentLocation().getByteOffset());
            }
        }
    }

    private static void range(Record record, int field, Kind kind, int start, JsonParser parser) {
        record.kinds[field] = kind;
        record.text[field] = null;
        record.from[field] = start;
        record.to[field] = offset(parser.currentLocation().getByteOffset());
    }

    /** Numbers as jsonb's {@code numeric} prints them: no exponent, no negative zero. */
    private static String plain(String number) {
        boolean exponent = number.indexOf('e') >= 0 || number.indexOf('E') >= 0;
        return exponent || number.startsWith("-0") ? new BigDecimal(number).toPlainString() : number;
    }

    private void stage(Record record, StagedRows rows, Map<String, String> params) {
        for (int i = 0; i < fields.size(); i++) {
            RecordTable.Field field = fields.get(i);
            if (field.param() != null) {
                rows.text(params.get(field.param()));
                continue;
            }
            Kind kind = record.kinds[i];
            if (kind == Kind.MISSING || kind == Kind.NULL && field.type() != RecordTable.Type.JSONB) {
                rows.text(null);
            } else if (field.type() == RecordTable.Type.JSONB || kind == Kind.OBJECT || kind == Kind.ARRAY) {
                rows.utf8(record.body, record.from[i], record.to[i] - record.from[i]);
            } else {
                rows.text(record.text[i]);
            }
        }
        rows.utf8(record.body, record.rawFrom, record.rawTo - record.rawFrom);
        rows.endRow();
    }

    private static int offset(long offset) {
        return Math.toIntExact(offset);
    }
}
