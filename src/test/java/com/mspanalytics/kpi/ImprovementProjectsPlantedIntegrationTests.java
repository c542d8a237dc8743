package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mspanalytics.simulator.world.MspWorld;
import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.simulator.world.TicketBundle;
import com.mspanalytics.simulator.world.TimeEntry;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.simulator.world.WorldSpec;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import com.mspanalytics.support.SyncedWorld;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 06 on the synced simulated world: the planted print-queue issue is found with the ledger's
 * numbers, and every other row is one the generated records themselves show paying back.
 *
 * <p>docs/simulator.md promises that no clean category pays back at TINY, but that is checked for an
 * end date of 2026-11-27; at the synced world's 2026-11-23 one clean category, Network/Firewall/Rule
 * Change (16 tickets, 33.75 h against a 32.88 h break-even), does pay back (roi 0.0266). Precision is
 * therefore asserted against an independent recount over the generator's records, and the one extra is
 * pinned so that a change to the world is noticed.
 */
@KpiWorldTest
class ImprovementProjectsPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsThePlantedRecurringIssueWithItsNumbersAndOnlyWhatTheRecordsJustify() {
        List<PlantedFact> facts = world.ledger().factsFor("improvement-projects");

        JsonNode result = computePlanted("improvement-projects");

        assertThat(facts).isNotEmpty();
        for (PlantedFact fact : facts) {
            JsonNode row = row(result, fact.keys().get("category"));
            assertThat(row.path("count").asDouble()).isEqualTo(fact.expected().get("count"));
            assertThat(row.path("hours").asDouble()).isEqualTo(fact.expected().get("hours"));
            assertThat(row.path("annualHours").asDouble()).isEqualTo(fact.expected().get("annualHours"));
            assertThat(row.path("roi").asDouble()).isEqualTo(fact.expected().get("roi"));
            assertThat(row.path("paybackMonths").asDouble()).isEqualTo(fact.expected().get("paybackMonths"));
            // money is in cents, the ledger keeps 4 decimals
            assertThat(row.path("annualSaving").asDouble()).isCloseTo(fact.expected().get("annualSaving"), within(0.0051));
        }
        Map<String, double[]> payingBack = payingBackInTheRecords();
        assertThat(result.path("rows").size()).as(result.path("rows").toString()).isEqualTo(payingBack.size());
        payingBack.forEach((category, countAndHours) -> {
            JsonNode row = row(result, category);
            assertThat(row.path("count").asDouble()).isEqualTo(countAndHours[0]);
            assertThat(row.path("hours").asDouble()).isCloseTo(countAndHours[1], within(1e-9));
        });
        assertThat(payingBack.keySet()).containsExactlyInAnyOrder(
                facts.stream().map(f -> f.keys().get("category")).toArray(String[]::new)[0], "Network/Firewall/Rule Change");
    }

    /**
     * Categories with at least 10 tickets entered in the 180 days to END_DATE whose hours (time entries
     * ended by the end instant) save more than 40 h × 60 a year at a 0.6 reduction.
     */
    private static Map<String, double[]> payingBackInTheRecords() {
        WorldSpec spec = new WorldSpec(SyncedWorld.SEED, WorldSize.TINY, SyncedWorld.END_DATE);
        Instant end = spec.endInstant();
        LocalDate from = SyncedWorld.END_DATE.minusDays(179);
        Map<String, double[]> byCategory = new TreeMap<>();
        MspWorld.generate(spec).bundles().forEach((TicketBundle b) -> {
            LocalDate entered = LocalDate.ofInstant(b.ticket().dateEntered(), ZoneOffset.UTC);
            if (entered.isBefore(from) || entered.isAfter(SyncedWorld.END_DATE)) {
                return;
            }
            double hours = b.timeEntries().stream().filter(e -> !e.timeEnd().isAfter(end)).mapToDouble(TimeEntry::actualHours).sum();
            double[] totals = byCategory.computeIfAbsent(b.ticket().category().key(), k -> new double[2]);
            totals[0]++;
            totals[1] += hours;
        });
        byCategory.values().removeIf(t -> t[0] < 10 || t[1] * 365 / 180 * 60 * 0.6 <= 40 * 60);
        return byCategory;
    }

    private static JsonNode row(JsonNode result, String category) {
        return result.path("rows").valueStream().filter(r -> r.path("category").asString().equals(category))
                .findFirst().orElseThrow(() -> new AssertionError("not found: " + category + " in " + result.path("rows")));
    }
}
