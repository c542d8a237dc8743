package com.mspanalytics.sync;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows for one {@link RecordTable}'s staging table, as the body of a text-format {@code COPY … FROM STDIN}: UTF-8,
 * a row per line, values in {@link RecordTable#fields()} order then the raw record, tab-separated, {@code \N} for
 * NULL, and backslash, tab, newline and carriage return escaped. Filled by one thread, then handed to
 * {@link SyncSession#commit(int, java.util.List, String, String)}.
 */
public final class StagedRows {

    private final RecordTable table;
    private byte[] buffer = new byte[1 << 12];
    private int length;
    private int rows;
    private int values;

    StagedRows(RecordTable table) {
        this.table = table;
    }

    public RecordTable table() {
        return table;
    }

    /** Makes room for {@code bytes} more (e.g. about a response body's size), so the buffer is not regrown page by page. */
    public void reserve(int bytes) {
        ensure(bytes);
    }

    /** Rows completed so far. */
    public int size() {
        return rows;
    }

    /** The next value of the current row as text (UTF-8 encoded here); null is SQL NULL. */
    public StagedRows text(String value) {
        separate();
        if (value == null) {
            append((byte) '\\');
            append((byte) 'N');
            return this;
        }
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                escaped((byte) c);
            } else {
                // rare here (names, summaries): encode the rest with the JDK, escaping its ASCII bytes as above
                byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
                for (byte b : rest) {
                    escaped(b);
                }
                return this;
            }
        }
        return this;
    }

    /** The next value of the current row: UTF-8 bytes (e.g. a slice of a response body), escaped here. */
    public StagedRows utf8(byte[] source, int offset, int count) {
        separate();
        ensure(2 * count);
        byte[] b = buffer;
        int at = length;
        for (int i = offset, end = offset + count; i < end; i++) {
            byte c = source[i];
            switch (c) {
                case '\\' -> { b[at++] = '\\'; b[at++] = '\\'; }
                case '\t' -> { b[at++] = '\\'; b[at++] = 't'; }
                case '\n' -> { b[at++] = '\\'; b[at++] = 'n'; }
                case '\r' -> { b[at++] = '\\'; b[at++] = 'r'; }
                default -> b[at++] = c;
            }
        }
        length = at;
        return this;
    }

    /** Ends the current row, which must have a value for every staged field and the raw record. */
    public void endRow() {
        if (values != table.fields().size() + 1) {
            throw new IllegalStateException(table.table() + ": a staged row has " + values + " values, not "
                    + (table.fields().size() + 1));
        }
        append((byte) '\n');
        values = 0;
        rows++;
    }

    byte[] bytes() {
        return buffer;
    }

    int length() {
        return length;
    }

    private void separate() {
        if (values++ > 0) {
            append((byte) '\t');
        }
    }

    private void escaped(byte c) {
        switch (c) {
            case '\\' -> { append((byte) '\\'); append((byte) '\\'); }
            case '\t' -> { append((byte) '\\'); append((byte) 't'); }
            case '\n' -> { append((byte) '\\'); append((byte) 'n'); }
            case '\r' -> { append((byte) '\\'); append((byte) 'r'); }
            default -> append(c);
        }
    }

    private void append(byte c) {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = c;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
