package com.mspanalytics.connectors.defender;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.http.RecordedRequest;
import com.mspanalytics.simulator.world.SecurityEvent;
import com.mspanalytics.simulator.world.WorldView;
import com.mspanalytics.support.SimulatedTenantTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Microsoft Defender incident sync (Graph /security/incidents) against the simulator over real HTTP, into real
 * PostgreSQL. The page size is configured at 500, as by default: Graph refuses {@code $top} above 50 on incidents, so
 * the connector must cap it. Expected incidents are derived from the world's alerts: one per incidentId, plus one
 * redirected incident per merged alert.
 */
@TestPropertySource(properties = "msp.connectors.defender.page-size=500")
class DefenderIncidentsSyncIntegrationTests extends SimulatedTenantTest {

    private static final List<String> SEVERITY = List.of("informational", "low", "medium", "high");

    /** What the world says an incident is: status, severity, redirect, client, created, last updated. */
    record Incident(String status, String severity, String redirectIncidentId, String client, Instant createdAt,
            Instant lastUpdated) {}

    DefenderIncidentsSyncIntegrationTests() {
        super("defender");
    }

    @Test
    void fullSyncStoresEveryIncidentInPagesOfAtMostFifty() {
        JsonNode run = sync("defender-incidents");

        Map<String, Incident> expected = expected(simulators.live().view());
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(expected.size()).isGreaterThan(100);
        assertThat(run.path("fetched").asLong()).isEqualTo(expected.size());
        assertThat(run.path("inserted").asLong()).isEqualTo(expected.size());
        assertThat(stored()).isEqualTo(expected);
        List<RecordedRequest> incidentCalls = simulators.requests("defender").stream()
                .filter(r -> r.path().equals("/v1.0/security/incidents")).toList();
        assertThat(incidentCalls).hasSizeGreaterThanOrEqualTo(expected.size() / 50)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200))
                .allSatisfy(r -> assertThat(r.query()).matches(".*(\\$|%24)top=50(&.*|$)"));
    }

    @Test
    void aMergedIncidentIsStoredRedirectedAndItsAlertsPointAtTheSurvivor() {
        sync("defender");
        sync("defender-incidents");

        SecurityEvent merged = simulators.live().view().securityEvents().stream()
                .filter(e -> e.mergedIncidentId() != null).findFirst().orElseThrow();
        var row = owner.sql("SELECT status, redirect_incident_id, raw->>'status' FROM defender_incidents "
                        + "WHERE tenant_id = ? AND id = ?").params(tenant.tenant().value(), merged.mergedIncidentId())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(row).containsExactly("redirected", merged.incidentId(), "redirected");
        assertThat(countRows("""
                SELECT count(*) FROM security_events e
                WHERE e.tenant_id = ? AND e.source = 'defender'
                  AND NOT EXISTS (SELECT 1 FROM defender_incidents i WHERE i.tenant_id = e.tenant_id
                                  AND i.id = e.raw->>'incidentId' AND i.status <> 'redirected')"""))
                .as("every alert links to a live incident").isZero();
        assertThat(countRows("SELECT count(*) FROM security_events WHERE tenant_id = ?"))
                .as("KPI 12 still counts alerts, not incidents").isEqualTo(simulators.live().view().securityEvents()
                        .stream().filter(e -> e.source() == SecurityEvent.Source.DEFENDER).count());
    }

    @Test
    void incrementalSyncPicksUpNewChangedAndNewlyRedirectedIncidentsOnly() {
        sync("defender-incidents");
        Map<String, Incident> before = expected(simulators.live().view());
        simulators.advanceClock(Duration.ofDays(14));
        Map<String, Incident> after = expected(simulators.live().view());
        long created = after.keySet().stream().filter(id -> !before.containsKey(id)).count();
        long changed = after.entrySet().stream().filter(e -> before.containsKey(e.getKey()))
                .filter(e -> !e.getValue().lastUpdated().equals(before.get(e.getKey()).lastUpdated())).count();
        long redirectedNow = after.values().stream().filter(i -> i.status().equals("redirected")).count()
                - before.values().stream().filter(i -> i.status().equals("redirected")).count();

        JsonNode run = sync("defender-incidents");

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(created).isPositive();
        assertThat(redirectedNow).as("a merge happened in those two weeks").isPositive();
        assertThat(run.path("inserted").asLong()).isEqualTo(created);
        assertThat(run.path("updated").asLong()).isEqualTo(changed);
        assertThat(run.path("fetched").asLong()).as("only the changes and the overlap are read")
                .isLessThan(after.size() / 2);
        assertThat(stored()).isEqualTo(after);
        assertThat(countRows("SELECT count(*) - count(DISTINCT id) FROM defender_incidents WHERE tenant_id = ?")).isZero();
    }

    @Test
    void transientFaultsAreRetriedToAnExactResult() {
        simulators.faults("defender").serverErrorRate(0.10).rateLimitEvery(4, 1).dropEvery(5)
                .latency(Duration.ofMillis(2));

        JsonNode run = sync("defender-incidents");

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(stored()).isEqualTo(expected(simulators.live().view()));
    }

    /** The incidents the world's visible Defender alerts make, by id. */
    private static Map<String, Incident> expected(WorldView view) {
        Instant now = view.now();
        List<SecurityEvent> alerts = view.securityEvents().stream()
                .filter(e -> e.source() == SecurityEvent.Source.DEFENDER)
                .sorted(Comparator.comparing(SecurityEvent::createdAt)).toList();
        Map<String, List<SecurityEvent>> byIncident = alerts.stream().collect(Collectors.groupingBy(
                SecurityEvent::incidentId, LinkedHashMap::new, Collectors.toCollection(ArrayList::new)));
        Map<String, Incident> incidents = new LinkedHashMap<>();
        byIncident.forEach((id, members) -> {
            SecurityEvent first = members.get(0);
            boolean resolved = members.stream().allMatch(e -> !e.resolvedAt().isAfter(now));
            boolean acknowledged = members.stream().anyMatch(e -> !e.acknowledgedAt().isAfter(now));
            Instant last = members.stream().map(e -> e.lastUpdate(now)).max(Instant::compareTo).orElseThrow();
            for (SecurityEvent e : members) {
                if (e.mergedAt() != null && !e.mergedAt().isAfter(now) && e.mergedAt().isAfter(last)) {
                    last = e.mergedAt();
                }
            }
            String severity = members.stream().map(SecurityEvent::severity).max(Comparator.comparingInt(SEVERITY::indexOf))
                    .orElseThrow();
            incidents.put(id, new Incident(resolved ? "resolved" : acknowledged ? "in_progress" : "active", severity, null,
                    client(first), first.createdAt(), last));
        });
        for (SecurityEvent e : alerts) {
            if (e.mergedIncidentId() != null) {
                boolean merged = !e.mergedAt().isAfter(now);
                incidents.put(e.mergedIncidentId(), new Incident(merged ? "redirected" : "active", e.severity(),
                        merged ? e.incidentId() : null, client(e), e.createdAt(), merged ? e.mergedAt() : e.createdAt()));
            }
        }
        return incidents;
    }

    private static String client(SecurityEvent e) {
        return UUID.nameUUIDFromBytes(e.client().identifier().getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Map<String, Incident> stored() {
        return owner.sql("""
                        SELECT id, status, severity, redirect_incident_id, client_key, created_at, last_updated
                        FROM defender_incidents WHERE tenant_id = ?""")
                .params(tenant.tenant().value())
                .query((rs, n) -> Map.entry(rs.getString("id"), new Incident(rs.getString("status"),
                        rs.getString("severity"), rs.getString("redirect_incident_id"), rs.getString("client_key"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_updated", OffsetDateTime.class).toInstant())))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
