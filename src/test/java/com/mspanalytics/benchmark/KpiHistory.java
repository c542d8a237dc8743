package com.mspanalytics.benchmark;

import static com.mspanalytics.benchmark.BenchmarkSupport.out;
import static com.mspanalytics.benchmark.BenchmarkSupport.seconds;

import com.mspanalytics.kpi.KpiRequest;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stored results pages read: every KPI over its default window, for each of the last {@code weeks} weeks up to
 * the world's end, as weekly computations would have left them. Pages never compute a KPI, so without these they
 * would render "not computed yet" and measure nothing; each week's missing results are computed once and kept
 * with the data directory.
 */
final class KpiHistory {

    private KpiHistory() {
    }

    static void ensure(KpiService kpis, TenantId tenant, LocalDate end, int weeks) {
        long t0 = System.nanoTime();
        int computed = 0;
        for (String slug : kpis.slugs()) {
            Set<LocalDate> stored = TenantContext.callAs(tenant, () -> kpis.standardResults(slug, Integer.MAX_VALUE)
                    .stream().map(KpiResult::window).map(KpiResult.Window::asOf).collect(Collectors.toSet()));
            // oldest first, so that the newest result is also the last computed, as the pages expect
            for (int w = weeks - 1; w >= 0; w--) {
                LocalDate asOf = end.minusWeeks(w);
                if (!stored.contains(asOf)) {
                    TenantContext.runAs(tenant, () -> kpis.compute(slug, new KpiRequest(null, null, null, asOf, null)));
                    computed++;
                }
            }
        }
        out("KPI results: %d weeks of each KPI up to %s stored (%d computed now, in %.1f s)", weeks, end, computed,
                seconds(t0));
    }
}
