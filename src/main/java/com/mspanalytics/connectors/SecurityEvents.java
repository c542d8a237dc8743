package com.mspanalytics.connectors;

import com.mspanalytics.sync.RecordTable;
import com.mspanalytics.sync.Upsert;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one table both SOC sources (SentinelOne threats, Defender alerts) land in, {@code security_events}: a source
 * says how its staged fields become the normalised event (V6__create_reviews_and_security_events.sql documents each
 * mapping); what happens next is the same for both, here.
 *
 * <p>A page keeps one record per id (the newest by update time, compared as sent). A re-read event whose raw JSON did
 * not change is not rewritten. {@code acknowledged_at} keeps the earliest value ever derived ({@code LEAST} ignores
 * NULLs), so the first move out of "new" never moves later; {@code resolved_at} likewise while resolved, and is
 * cleared on a reopen.
 */
public final class SecurityEvents {

    private SecurityEvents() {
    }

    /**
     * @param source {@code security_events.source}
     * @param id the staged text field with the source's id for the event
     * @param updated the staged text field with its update time (the newest of a page's duplicates wins)
     * @param stage stages the fields {@code normalise} reads (and {@code id}, {@code updated})
     * @param normalise a SELECT over {@code page} (the staged records, one per id; {@code r} the raw record) giving
     *     {@code external_id, client_key, client_name, severity, status, classification, title, created_at,
     *     acknowledged_at, resolved_at, last_updated, r}
     */
    public static RecordTable table(String source, String id, String updated, Consumer<RecordTable.Builder> stage,
            String normalise) {
        RecordTable.Builder fields = RecordTable.into("security_events");
        String idField = fields.text(id);
        String updatedField = fields.text(updated);
        stage.accept(fields);
        return fields.build(staged -> {
            Upsert.Builder upsert = Upsert.into("security_events").key("source", "external_id")
                    .with("page", Upsert.newestPer(idField, updatedField, staged))
                    .with("normalised", normalise)
                    .from("normalised")
                    .column("source", ":source").bind("source", source);
            for (String column : List.of("external_id", "client_key", "client_name", "severity", "status",
                    "classification", "title", "created_at", "acknowledged_at", "resolved_at", "last_updated")) {
                upsert.column(column, column);
            }
            return upsert
                    .onUpdate("acknowledged_at", "LEAST(t.acknowledged_at, EXCLUDED.acknowledged_at)")
                    .onUpdate("resolved_at", "CASE WHEN EXCLUDED.resolved_at IS NOT NULL "
                            + "THEN LEAST(t.resolved_at, EXCLUDED.resolved_at) END")
                    .build();
        });
    }
}
