package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mspanalytics.simulator.world.Category;
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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * KPI 06 on the synced simulated world: the planted print-queue issue is found with the ledger's
 * numbers, and every other row is one the generated records themselves justify.
 *
 * <p>Besides the planted printer (42 tickets where the baseline had none), one clean category passes at the
 * synced world's 2026-11-23: Backup/Backup Job/Failed, 25 tickets (7 of them Initech's planted failures)
 * against 4 in the 114 days of baseline the tiny world has (6.26 expected over 180 days), paying back at
 * the default 0.8 reduction (roi 0.1356). Precision is therefore asserted against an independent recount
 * over the generator's records, and the one extra is pinned so that a change to the world is noticed.
 */
@KpiWorldTest
class ImprovementProjectsPlantedIntegrationTests extends KpiPlantedTest {

    /** docs/kpis.md's default expected reductions for the categories of the world; unmapped 0.25. */
    static final Map<String, Double> REDUCTIONS = Map.ofEntries(Map.entry("Hardware", 0.8), Map.entry("Laptop", 0.8),
            Map.entry("Backup", 0.8), Map.entry("Printer", 0.7), Map.entry("Spam", 0.7), Map.entry("Email", 0.5),
            Map.entry("Network", 0.6), Map.entry("Wi-Fi", 0.6), Map.entry("Password Reset", 0.5),
            Map.entry("Security", 0.4), Map.entry("Phishing", 0.5), Map.entry("How To", 0.3));

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
                facts.stream().map(f -> f.keys().get("category")).toArray(String[]::new)[0], "Backup/Backup Job/Failed");
    }

    /**
     * docs/kpis.md's rule over the generator's records: categories with at least 10 tickets entered in the 180 days
     * to END_DATE, at 3 clients or more, at least 1.5 times the baseline's rate (the 180 days before, from the
     * world's first ticket on) with a Poisson tail under 0.01, whose hours (time entries ended by the end
     * instant) save more than 40 h × 60 a year at the category's default reduction.
     */
    private static Map<String, double[]> payingBackInTheRecords() {
        WorldSpec spec = new WorldSpec(SyncedWorld.SEED, WorldSize.TINY, SyncedWorld.END_DATE);
        Instant end = spec.endInstant();
        LocalDate from = SyncedWorld.END_DATE.minusDays(179);
        LocalDate baselineFrom = from.minusDays(180);
        Map<String, double[]> byCategory = new TreeMap<>(); // count, hours, baseline count
        Map<String, Set<String>> clients = new HashMap<>();
        Map<String, Category> categories = new HashMap<>();
        LocalDate[] first = {SyncedWorld.END_DATE};
        MspWorld.generate(spec).bundles().forEach((TicketBundle b) -> {
            LocalDate entered = LocalDate.ofInstant(b.ticket().dateEntered(), ZoneOffset.UTC);
            if (entered.isBefore(first[0])) {
                first[0] = entered;
            }
            String key = b.ticket().category().key();
            categories.put(key, b.ticket().category());
            double[] totals = byCategory.computeIfAbsent(key, k -> new double[3]);
            if (!entered.isBefore(baselineFrom) && entered.isBefore(from)) {
                totals[2]++;
            }
            if (entered.isBefore(from) || entered.isAfter(SyncedWorld.END_DATE)) {
                return;
            }
            totals[0]++;
            totals[1] += b.timeEntries().stream().filter(e -> !e.timeEnd().isAfter(end)).mapToDouble(TimeEntry::actualHours).sum();
            clients.computeIfAbsent(key, k -> new HashSet<>()).add(b.ticket().client().identifier());
        });
        long baselineDays = ChronoUnit.DAYS.between(first[0].isAfter(baselineFrom) ? first[0] : baselineFrom, from);
        byCategory.entrySet().removeIf(e -> {
            double[] t = e.getValue();
            double expected = t[2] * 180 / baselineDays;
            Category c = categories.get(e.getKey());
            double reduction = REDUCTIONS.getOrDefault(c.item(), REDUCTIONS.getOrDefault(c.subType(),
                    REDUCTIONS.getOrDefault(c.domain(), 0.25)));
            boolean above = expected == 0 || t[0] / expected >= 1.5 && upperTail((int) t[0], expected) < 0.01;
            return t[0] < 10 || clients.get(e.getKey()).size() < 3 || !above
                    || t[1] * 365 / 180 * 60 * reduction <= 40 * 60;
        });
        return byCategory;
    }

    /** P(X >= k) for X ~ Poisson(mean), summed term by term from k upwards. */
    private static double upperTail(int k, double mean) {
        double term = Math.exp(-mean + k * Math.log(mean) - logFactorial(k)), sum = 0;
        for (int j = k; term > 1e-300 && j < k + 10_000; j++) {
            sum += term;
            term *= mean / (j + 1);
        }
        return sum;
    }

    private static double logFactorial(int n) {
        double sum = 0;
        for (int i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }

    private static JsonNode row(JsonNode result, String category) {
        return result.path("rows").valueStream().filter(r -> r.path("category").asString().equals(category))
                .findFirst().orElseThrow(() -> new AssertionError("not found: " + category + " in " + result.path("rows")));
    }
}
