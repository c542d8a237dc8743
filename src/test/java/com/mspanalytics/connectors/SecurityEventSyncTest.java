package com.mspanalytics.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.world.SecurityEvent;
import com.mspanalytics.simulator.world.WorldView;
import com.mspanalytics.support.SimulatedTenantTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sync of a security tool (connector, entity and {@code security_events.source} share its name) into
 * normalised security events: the tests every such source passes, and what its tests compare.
 */
public abstract class SecurityEventSyncTest extends SimulatedTenantTest {

    /** The normalised shape of one event: severity, status, classification, client, acknowledged, resolved. */
    public record Event(String severity, String status, String classification, String client,
            Instant acknowledgedAt, Instant resolvedAt) {}

    private final String source;
    private final SecurityEvent.Source kind;

    /** @param source the connector, entity and {@code security_events.source}; {@code kind} its events in the world */
    protected SecurityEventSyncTest(String source, SecurityEvent.Source kind) {
        super(source);
        this.source = source;
        this.kind = kind;
    }

    /** The world's events of this source. */
    protected List<SecurityEvent> events(WorldView view) {
        return view.securityEvents().stream().filter(e -> e.source() == kind).toList();
    }

    /** What the world says each event is, in the normalised vocabulary, computed from the world's own fields. */
    protected abstract Map<String, Event> expected(WorldView view);

    @Test
    void incrementalSyncPicksUpNewAndChangedEventsOnly() {
        sync();
        WorldView before = simulators.live().view();
        simulators.advanceClock(Duration.ofDays(3));
        WorldView after = simulators.live().view();
        Map<String, SecurityEvent> previous = events(before).stream()
                .collect(Collectors.toMap(SecurityEvent::id, Function.identity()));
        long created = events(after).stream().filter(e -> !previous.containsKey(e.id())).count();
        long changed = events(after).stream().filter(e -> previous.containsKey(e.id()))
                .filter(e -> !e.lastUpdate(after.now()).equals(e.lastUpdate(before.now()))).count();

        JsonNode run = sync();

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(created + changed).isPositive();
        assertThat(run.path("inserted").asLong()).isEqualTo(created);
        assertThat(run.path("updated").asLong()).isEqualTo(changed);
        assertThat(run.path("fetched").asLong()).as("only the changes and the overlap are read, not everything")
                .isLessThan(events(after).size() / 2);
        assertThat(stored()).isEqualTo(expected(after));
        assertThat(duplicates()).isZero();
    }

    @Test
    void transientFaultsAreRetriedToAnExactResult() {
        simulators.faults(source).serverErrorRate(0.10).rateLimitEvery(4, 1).dropEvery(5)
                .latency(Duration.ofMillis(2));

        JsonNode run = sync();

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(expected(simulators.live().view()));
        assertThat(duplicates()).isZero();
        assertThat(simulators.requests(source).stream().map(r -> r.status()).toList()).contains(429, 0);
    }

    /** This source's stored events by external id. */
    protected Map<String, Event> stored() {
        return owner.sql("""
                SELECT external_id, severity, status, classification, client_key, acknowledged_at, resolved_at
                FROM security_events WHERE tenant_id = ? AND source = ?""")
                .params(tenant.tenant().value(), source)
                .query((rs, n) -> Map.entry(rs.getString(1), new Event(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getObject(6, OffsetDateTime.class)),
                        instant(rs.getObject(7, OffsetDateTime.class)))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private long duplicates() {
        return countRows("SELECT count(*) - count(DISTINCT (source, external_id)) FROM security_events WHERE tenant_id = ?");
    }
}
