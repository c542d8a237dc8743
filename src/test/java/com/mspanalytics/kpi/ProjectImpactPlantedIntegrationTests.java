package com.mspanalytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mspanalytics.simulator.world.PlantedFact;
import com.mspanalytics.support.KpiPlantedTest;
import com.mspanalytics.support.KpiWorldTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KPI 10 on the synced simulated world: Fabrikam's migration is the only closed project, with the ledger's counts. */
@KpiWorldTest
class ProjectImpactPlantedIntegrationTests extends KpiPlantedTest {

    @Test
    void findsThePlantedProjectWithItsNumbersAndNothingElse() {
        List<PlantedFact> facts = world.ledger().factsFor("project-impact");

        JsonNode result = computePlanted("project-impact");

        assertThat(facts).isNotEmpty();
        assertThat(result.path("rows").size()).as(result.path("rows").toString()).isEqualTo(facts.size());
        for (PlantedFact fact : facts) {
            JsonNode row = result.path("rows").valueStream()
                    .filter(r -> r.path("projectId").asString().equals(fact.keys().get("projectId")))
                    .findFirst().orElseThrow(() -> new AssertionError("not found: " + fact));
            assertThat(row.path("clientIdentifier").asString()).isEqualTo(fact.keys().get("client"));
            assertThat(row.path("domain").asString()).isEqualTo(fact.keys().get("domain"));
            assertThat(row.path("before").asDouble()).isEqualTo(fact.expected().get("before"));
            assertThat(row.path("after").asDouble()).isEqualTo(fact.expected().get("after"));
            assertThat(row.path("beforeHours").asDouble()).isEqualTo(fact.expected().get("beforeHours"));
            assertThat(row.path("afterHours").asDouble()).isEqualTo(fact.expected().get("afterHours"));
            assertThat(row.path("changePct").asDouble()).isCloseTo(fact.expected().get("changePct"), within(0.0051));
            int before = fact.expected().get("before").intValue(), after = fact.expected().get("after").intValue();
            double p = twoSidedBinomial(before, after);
            assertThat(row.path("pValue").asDouble()).isCloseTo(p, within(1e-6));
            assertThat(row.path("impact").asString()).isEqualTo(p >= 0.05 ? "no change" : after < before ? "reduced" : "increased");
        }
    }

    /** Exact, in integers: min(1, 2 × smaller tail of Binomial(before + after, 1/2) at {@code after}). */
    private static double twoSidedBinomial(int before, int after) {
        int n = before + after;
        BigInteger lower = BigInteger.ZERO, upper = BigInteger.ZERO;
        for (int k = 0; k <= n; k++) {
            BigInteger ways = binomial(n, k);
            if (k <= after) lower = lower.add(ways);
            if (k >= after) upper = upper.add(ways);
        }
        BigDecimal tail = new BigDecimal(lower.min(upper).shiftLeft(1)).divide(new BigDecimal(BigInteger.TWO.pow(n)),
                MathContext.DECIMAL64);
        return Math.min(1.0, tail.doubleValue());
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        return result;
    }
}
