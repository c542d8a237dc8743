package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.sync.RecordReader;
import com.mspanalytics.sync.SyncFailure;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Where an incremental read stands: after the record with this {@code _info/lastUpdated} and id. */
record Keyset(Instant lastUpdated, long id) {

    static Keyset of(RecordReader.Record record, String path, int page) {
        String lastUpdated = record.text(ConnectWiseEntity.LAST_UPDATED);
        String id = record.text(ConnectWiseEntity.ID);
        try {
            return new Keyset(Instant.parse(lastUpdated == null ? "" : lastUpdated), id == null ? 0 : Long.parseLong(id));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new SyncFailure(ConnectWiseClient.SERVICE + " " + path + " page " + page
                    + ": a record without a valid _info.lastUpdated and id");
        }
    }

    static Keyset parse(String position) {
        int separator = position.lastIndexOf('|');
        return new Keyset(Instant.parse(position.substring(0, separator)), Long.parseLong(position.substring(separator + 1)));
    }

    String format() {
        return lastUpdated + "|" + id;
    }

    /** Strictly after this position in (lastUpdated, id) order, in ConnectWise's conditions grammar. */
    String condition() {
        String at = "[" + lastUpdated + "]";
        return "_info/lastUpdated > " + at + " OR (_info/lastUpdated = " + at + " AND id > " + id + ")";
    }
}
