package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 12 on hand-built events (default SLA targets: critical 15 min / 240 min, high 60 / 1440, medium 240 /
 * 4320, low 1440 / 10080). asOf 2026-11-20 (UTC): window 2026-10-22..2026-11-20. A ticket last updated at
 * 2026-11-20T23:00Z makes that the freshest synced instant, to which open events are aged.
 */
@IntegrationTest
class SocMetricsIntegrationTests extends KpiIntegrationTest {

    static final String KPI = "soc-metrics";

    static final String AS_OF = "2026-11-20";

    KpiFixtures data;
    String ransomware, openHigh;

    /**
     * 1 S1 critical at Wayne (name matched case-insensitively), TP, ack 6 min, resolved 540 min: resolve breach.
     * 2 S1 critical at Acme (key = identifier "acme"), TP, ack 10, resolved 200: met.
     * 3 Defender high, unmapped tenant key, FP, ack 30, resolved 600: met.
     * 4 Defender high at Acme, TP, created 11-18 00:00, still new: 4260 min old, ack and resolve breach.
     * 5 S1 medium at Wayne, benign, created 11-20 22:30, still new: 30 min old, pending.
     * 6 Defender low at Acme, created 10-21 23:30 (before the window), still new: only in the backlog.
     * 7 Defender informational at Acme, undetermined, ack 5, resolved 20: no target.
     */
    @BeforeEach
    void events() {
        data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        data.company("WAYNE", "Wayne Enterprises");
        data.ticket(acme, at("2026-11-20T23:00:00Z")).create();
        Instant t1 = at("2026-11-10T02:00:00Z");
        ransomware = data.securityEvent("sentinelone", "site-1", "wayne enterprises", "critical", "true_positive", t1,
                plus(t1, 6), plus(t1, 540));
        Instant t2 = at("2026-11-12T00:00:00Z");
        data.securityEvent("sentinelone", "acme", null, "critical", "true_positive", t2, plus(t2, 10), plus(t2, 200));
        Instant t3 = at("2026-11-15T00:00:00Z");
        data.securityEvent("defender", "0f1e2d3c-unknown", null, "high", "false_positive", t3, plus(t3, 30), plus(t3, 600));
        openHigh = data.securityEvent("defender", "guid-acme", "ACME DENTAL", "high", "true_positive",
                at("2026-11-18T00:00:00Z"), null, null);
        data.securityEvent("sentinelone", "site-1", "Wayne Enterprises", "medium", "benign", at("2026-11-20T22:30:00Z"),
                null, null);
        data.securityEvent("defender", "guid-acme", "Acme Dental", "low", "true_positive", at("2026-10-21T23:30:00Z"),
                null, null);
        Instant t7 = at("2026-11-01T00:00:00Z");
        data.securityEvent("defender", "guid-acme", "Acme Dental", "informational", "undetermined", t7, plus(t7, 5),
                plus(t7, 20));
    }

    @Test
    void countsTimesSlaBacklogAndFalsePositives() {
        JsonNode summary = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("summary");

        assertThat(summary.path("events").asInt()).isEqualTo(6);
        assertThat(summary.path("bySeverity").toString())
                .isEqualTo("{\"critical\":2,\"high\":2,\"medium\":1,\"informational\":1}");
        assertThat(summary.path("bySource").path("sentinelone").asInt()).isEqualTo(3);
        assertThat(summary.path("bySource").path("defender").asInt()).isEqualTo(3);
        assertThat(summary.path("byClassification").path("true_positive").asInt()).isEqualTo(3);
        assertThat(summary.path("byClassification").path("undetermined").asInt()).isEqualTo(1);
        assertThat(summary.path("byClient").path("Acme Dental").asInt()).isEqualTo(3);
        assertThat(summary.path("byClient").path("Wayne Enterprises").asInt()).isEqualTo(2);
        assertThat(summary.path("byClient").path("unmapped").asInt()).isEqualTo(1);

        JsonNode critical = summary.path("mttaMinutes").path("critical");
        assertThat(critical.path("median").decimalValue()).isEqualByComparingTo("8.00");        // 6, 10
        assertThat(critical.path("p90").decimalValue()).isEqualByComparingTo("9.60");           // 6 + 0.9 × 4
        assertThat(summary.path("mttrMinutes").path("critical").path("median").decimalValue()).isEqualByComparingTo("370.00");
        assertThat(summary.path("mttrMinutes").path("critical").path("p90").decimalValue()).isEqualByComparingTo("506.00");
        assertThat(summary.path("mttaMinutes").path("high").path("median").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(summary.path("mttaMinutes").path("high").path("n").asInt()).isEqualTo(1);   // the open one has none

        JsonNode sla = summary.path("slaCompliance");
        assertThat(sla.path("critical").path("breaches").asInt()).isEqualTo(1);
        assertThat(sla.path("critical").path("compliance").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(sla.path("high").path("ackBreaches").asInt()).isEqualTo(1);                // open past its target
        assertThat(sla.path("high").path("resolveBreaches").asInt()).isEqualTo(1);
        assertThat(sla.path("high").path("compliance").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(sla.path("medium").path("pending").asInt()).isEqualTo(1);
        assertThat(absent(sla.path("medium").path("compliance"))).isTrue();
        assertThat(sla.has("informational")).isFalse();

        assertThat(summary.path("falsePositiveRate").decimalValue()).isEqualByComparingTo("0.2");   // 1 of 5 verdicts
        assertThat(summary.path("agedTo").asString()).isEqualTo("2026-11-20T23:00:00Z");
        JsonNode backlog = summary.path("openBacklog");
        assertThat(backlog.path("open").asInt()).isEqualTo(3);
        assertThat(backlog.path("byAge").path("<1h").asInt()).isEqualTo(1);
        assertThat(backlog.path("byAge").path("1-7d").asInt()).isEqualTo(1);
        assertThat(backlog.path("byAge").path(">7d").asInt()).isEqualTo(1);

        assertThat(summary.path("slaBreaches").valueStream().map(b -> b.path("eventId").asString()))
                .containsExactly(ransomware, openHigh);
        JsonNode first = summary.path("slaBreaches").get(0);
        assertThat(first.path("client").asString()).isEqualTo("Wayne Enterprises");
        assertThat(first.path("resolveMinutes").decimalValue()).isEqualByComparingTo("540");
        assertThat(first.path("ackBreached").asBoolean()).isFalse();
        assertThat(summary.path("slaBreaches").get(1).path("ageMinutes").decimalValue()).isEqualByComparingTo("4260");
        assertThat(summary.path("slaBreaches").get(1).path("open").asBoolean()).isTrue();
    }

    @Test
    void rowsPutClientsWithBreachesFirstAndKeepUnmappedSourcesApart() {
        JsonNode rows = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("rows");

        assertThat(rows.valueStream().map(r -> r.path("client").asString()))
                .containsExactly("Acme Dental", "Wayne Enterprises", "unmapped");
        assertThat(rows.get(0).path("slaBreaches").asInt()).isEqualTo(1);
        assertThat(rows.get(2).path("sourceClient").asString()).isEqualTo("defender:0f1e2d3c-unknown");
        assertThat(rows.get(2).path("falsePositives").asInt()).isEqualTo(1);
    }

    @Test
    void theWindowFollowsTheTenantsTimeZone() {
        putSettings("{\"timeZone\":\"Asia/Tokyo\"}");

        JsonNode summary = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("summary");

        // Tokyo is UTC+9: the low event (10-22 08:30 local) joins, the medium one (11-21 07:30 local) leaves
        assertThat(summary.path("bySeverity").toString())
                .isEqualTo("{\"critical\":2,\"high\":2,\"low\":1,\"informational\":1}");
    }

    @Test
    void criticalAndHighBreachesAndAClientVolumeSpikeAreStoredOnce() {
        data.company("GLOBEX", "Globex Corp");
        LocalDate currentWeek = LocalDate.of(2026, 11, 9);                  // latest complete week before 11-20
        for (int w = 1; w <= 12; w++) {                                         // baseline 1, 2, 1, 2, …: mean 1.5, sd 0.5
            for (int i = 0; i < (w % 2 == 0 ? 2 : 1); i++) {
                Instant created = currentWeek.minusWeeks(w).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                        .plus(i + 1, ChronoUnit.HOURS);
                data.securityEvent("defender", "guid-globex", "Globex Corp", "low", "true_positive", created, plus(created, 5),
                        plus(created, 60));
            }
        }
        for (int i = 0; i < 6; i++) {
            Instant created = currentWeek.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plus(i * 5L, ChronoUnit.HOURS);
            data.securityEvent("defender", "guid-globex", "Globex Corp", "low", "true_positive", created, plus(created, 5),
                    plus(created, 60));
        }

        compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}");
        JsonNode summary = compute(KPI, "{\"asOf\":\"" + AS_OF + "\"}").path("summary");

        JsonNode spike = summary.path("volumeAnomalies");
        assertThat(spike.size()).isEqualTo(1);                                  // Wayne, Acme: 1 event, under minCount
        assertThat(spike.get(0).path("clientKey").asString()).isEqualTo("GLOBEX");
        assertThat(spike.get(0).path("count").asInt()).isEqualTo(6);
        assertThat(spike.get(0).path("baselineMean").asDouble()).isEqualTo(1.5);
        assertThat(spike.get(0).path("stddev").asDouble()).isEqualTo(0.5);
        assertThat(spike.get(0).path("z").asDouble()).isEqualTo(9.0);
        JsonNode anomalies = Json.parse(http.get("/anomalies").body());
        assertThat(anomalies.valueStream().filter(a -> a.path("kpi").asString().equals("soc-metrics"))
                .map(a -> a.path("dimension").asString() + " " + a.path("key").asString() + " " + a.path("period").asString()))
                .containsExactlyInAnyOrder("client-volume GLOBEX 2026-W46",
                        "sla-breach sentinelone:" + ransomware + " 2026-11-10",
                        "sla-breach defender:" + openHigh + " 2026-11-18");
    }

    @Test
    void anEmptyWindowHasNoEvents() {
        JsonNode result = compute(KPI, "{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}");

        assertThat(result.path("summary").path("events").asInt()).isZero();
        assertThat(absent(result.path("summary").path("falsePositiveRate"))).isTrue();
        assertThat(result.path("rows").size()).isZero();
    }

    private static boolean absent(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static Instant plus(Instant instant, long minutes) {
        return instant.plus(minutes, ChronoUnit.MINUTES);
    }
}
