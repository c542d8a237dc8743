package com.mspanalytics.connectors.defender;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.connectors.SecurityEventSyncTest;
import com.mspanalytics.simulator.world.SecurityEvent;
import com.mspanalytics.simulator.world.WorldView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Full and incremental Microsoft Defender alert sync (Graph alerts_v2) against the simulator over real HTTP, into real PostgreSQL. */
class DefenderSyncIntegrationTests extends SecurityEventSyncTest {

    DefenderSyncIntegrationTests() {
        super("defender", SecurityEvent.Source.DEFENDER);
    }

    @Test
    void fullSyncStoresEveryAlertNormalised() {
        JsonNode run = sync();

        WorldView view = simulators.live().view();
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("inserted").asLong()).isEqualTo(events(view).size());
        assertThat(stored()).isEqualTo(expected(view));
        SecurityEvent sample = events(view).get(events(view).size() / 2);
        var stored = owner.sql("SELECT title, created_at, last_updated, raw->>'incidentId' FROM security_events "
                        + "WHERE tenant_id = ? AND source = 'defender' AND external_id = ?")
                .params(tenant.tenant().value(), sample.id())
                .query((rs, n) -> List.of(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4))).single();
        assertThat(stored).containsExactly(sample.title(), sample.createdAt(), sample.lastUpdate(view.now()),
                sample.incidentId());
    }

    @Test
    void aMalformedPageFailsTheRunNamingItAndTheNextRunFinishesExactly() {
        simulators.faults("defender").malformedPage("/v1.0/security/alerts_v2", 3);

        JsonNode failed = sync();

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("Microsoft Graph").contains("/v1.0/security/alerts_v2")
                .contains("page 3").contains("not valid JSON")
                .doesNotContain(simulators.connectorSettings().get("defender").get("clientSecret"));
        assertThat(stored()).as("pages 1 and 2 were committed").hasSize(100);
        assertThat(countRows("SELECT count(*) FROM sync_checkpoints WHERE tenant_id = ? AND entity = ?",
                DefenderSource.CHECKPOINT))
                .as("newest first: the checkpoint moves only with the last page").isZero();

        simulators.faults("defender").clear();
        JsonNode retried = sync();

        int total = events(simulators.live().view()).size();
        assertThat(retried.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(expected(simulators.live().view()));
        assertThat(retried.path("inserted").asLong()).isEqualTo(total - 100);
        assertThat(retried.path("updated").asLong()).as("re-read alerts are not rewritten").isZero();
    }

    @Override
    protected Map<String, Event> expected(WorldView view) {
        Instant now = view.now();
        return events(view).stream().collect(Collectors.toMap(SecurityEvent::id, e -> {
            boolean acknowledged = !e.acknowledgedAt().isAfter(now), resolved = !e.resolvedAt().isAfter(now);
            return new Event(e.severity(), resolved ? "resolved" : acknowledged ? "in_progress" : "new",
                    !resolved ? "undetermined" : switch (e.classification()) {
                        case "truePositive" -> "true_positive";
                        case "falsePositive" -> "false_positive";
                        case "informationalExpectedActivity" -> "benign";
                        default -> "undetermined";
                    },
                    UUID.nameUUIDFromBytes(e.client().identifier().getBytes(StandardCharsets.UTF_8)).toString(),
                    acknowledged ? e.acknowledgedAt() : null, resolved ? e.resolvedAt() : null);
        }));
    }
}
