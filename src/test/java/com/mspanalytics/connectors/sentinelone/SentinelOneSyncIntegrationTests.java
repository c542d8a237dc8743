package com.mspanalytics.connectors.sentinelone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.connectors.SecurityEventSyncTest;
import com.mspanalytics.simulator.world.SecurityEvent;
import com.mspanalytics.simulator.world.WorldView;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Full and incremental SentinelOne threat sync against the simulator over real HTTP, into real PostgreSQL. */
class SentinelOneSyncIntegrationTests extends SecurityEventSyncTest {

    SentinelOneSyncIntegrationTests() {
        super("sentinelone", SecurityEvent.Source.SENTINELONE);
    }

    @Test
    void fullSyncStoresEveryThreatNormalised() {
        JsonNode run = sync();

        WorldView view = simulators.live().view();
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("inserted").asLong()).isEqualTo(events(view).size());
        assertThat(stored()).isEqualTo(expected(view));
        var planted = owner.sql("""
                SELECT severity, client_name, extract(epoch FROM acknowledged_at - created_at) / 60,
                       extract(epoch FROM resolved_at - created_at) / 60, title
                FROM security_events WHERE tenant_id = ? AND source = 'sentinelone' AND external_id = '1699999999999999999'""")
                .params(tenant.tenant().value())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5)))
                .single();
        assertThat(planted).containsExactly("critical", "Wayne Financial", 6.0, 540.0, "payroll_update.exe");
    }

    @Test
    void aMalformedPageFailsTheRunNamingItAndTheNextRunResumesFromTheCheckpoint() {
        simulators.faults("sentinelone").malformedPage("/web/api/v2.1/threats", 3);

        JsonNode failed = sync();

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("SentinelOne").contains("/web/api/v2.1/threats")
                .contains("page 3").contains("not valid JSON")
                .doesNotContain(simulators.connectorSettings().get("sentinelone").get("apiToken"));
        assertThat(stored()).as("pages 1 and 2 were committed with their checkpoint").hasSize(100);
        Instant checkpoint = Instant.parse(checkpoint(SentinelOneSource.CHECKPOINT));
        Instant now = simulators.now();
        assertThat(checkpoint).isEqualTo(events(simulators.live().view()).stream().map(e -> e.lastUpdate(now))
                .sorted().skip(99).findFirst().orElseThrow());

        simulators.faults("sentinelone").clear();
        JsonNode retried = sync();

        int total = events(simulators.live().view()).size();
        assertThat(retried.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(expected(simulators.live().view()));
        assertThat(retried.path("inserted").asLong()).isEqualTo(total - 100);
        assertThat(retried.path("fetched").asLong()).as("resumed after page 2, not from the start").isLessThan(total);
    }

    @Override
    protected Map<String, Event> expected(WorldView view) {
        Instant now = view.now();
        return events(view).stream().collect(Collectors.toMap(SecurityEvent::id, e -> {
            boolean acknowledged = !e.acknowledgedAt().isAfter(now), resolved = !e.resolvedAt().isAfter(now);
            return new Event(e.severity(), resolved ? "resolved" : acknowledged ? "in_progress" : "new",
                    acknowledged ? e.verdict() : "undetermined",
                    String.valueOf(new BigInteger("475482421366700000").add(BigInteger.valueOf(e.client().id()))),
                    acknowledged ? e.acknowledgedAt() : null, resolved ? e.resolvedAt() : null);
        }));
    }
}
