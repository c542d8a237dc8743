package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.sync.SyncFailure;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** Where an incremental read stands: after the record with this {@code _info/lastUpdated} and id. */
record Keyset(Instant lastUpdated, long id) {

    static Keyset of(JsonNode record, String path, int page) {
        try {
            return new Keyset(Instant.parse(record.path("_info").path("lastUpdated").asString()), record.path("id").asLong());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new SyncFailure(ConnectWiseClient.SERVICE + " " + path + " page " + page
                    + ": a record without a valid _info.lastUpdated");
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
