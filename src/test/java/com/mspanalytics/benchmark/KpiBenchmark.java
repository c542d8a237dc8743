package com.mspanalytics.benchmark;

import static com.mspanalytics.benchmark.BenchmarkSupport.loadAverage;
import static com.mspanalytics.benchmark.BenchmarkSupport.machine;
import static com.mspanalytics.benchmark.BenchmarkSupport.median;
import static com.mspanalytics.benchmark.BenchmarkSupport.millis;
import static com.mspanalytics.benchmark.BenchmarkSupport.options;
import static com.mspanalytics.benchmark.BenchmarkSupport.out;

import com.mspanalytics.kpi.KpiRequest;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KPI benchmark (docs/benchmarks.md; run by {@code bench/kpis.sh}; never by {@code mvn verify}: it asserts nothing about
 * time, it prints figures).
 *
 * <ol>
 *   <li>Starts its own embedded PostgreSQL and the application in production mode against it, with the
 *       {@link WorldSize#LARGE} world (~1M tickets, ~3M time entries over 260 weeks) loaded into a tenant
 *       ({@link BenchmarkTenant}, {@link WorldLoader}).</li>
 *   <li>Baseline, in the same run and through the same application connection pool, tenant binding and RLS: hours
 *       by client and ISO week over the 90 days before asOf (cw_time_entries) plus a count of tickets by client
 *       (all of cw_tickets).</li>
 *   <li>Each KPI via {@link KpiService#compute} with its default window ending at asOf = the world's end date,
 *       3 runs (median reported; the first run also pays the cold cache), then {@link KpiService#computeAll}.</li>
 * </ol>
 *
 * Options: {@code --seed S} (7), {@code --size large|benchmark|small|tiny} (large), {@code --end-date D}
 * (2026-11-23), {@code --runs N} (3), {@code --data-dir DIR} (keep the database there; a later run reuses it and
 * skips the load), {@code --explain-ms N} (log EXPLAIN (ANALYZE, BUFFERS) of every statement slower than N ms
 * with auto_explain, into DIR/pglog), {@code --pg name=value[,name=value…]} (PostgreSQL settings for the run, e.g.
 * {@code random_page_cost=4}, PostgreSQL's default; the run otherwise uses the product's 1.1).
 */
public final class KpiBenchmark {

    private static final String USAGE = "usage: KpiBenchmark [--runs N] " + BenchmarkTenant.USAGE;

    private static final double TARGET_MS = 3000, TARGET_RATIO = 5, TARGET_TOTAL_MS = 20_000;

    private KpiBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, USAGE);
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        out("machine: %s", machine());
        try (BenchmarkTenant bench = BenchmarkTenant.start(BenchmarkTenant.Options.of(options), app -> { })) {
            run(bench.app, bench.tenant, bench.options.end(), runs);
            out("load average after: %s", loadAverage());
            if (bench.options.explainMs() != null) {
                out("auto_explain plans of statements slower than %s ms: %s", bench.options.explainMs(),
                        bench.base.resolve("pglog"));
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, TenantId tenant, LocalDate asOf, int runs) {
        KpiService kpis = app.getBean(KpiService.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        TransactionTemplate tx = new TransactionTemplate(app.getBean(
                org.springframework.transaction.PlatformTransactionManager.class));
        tx.setReadOnly(true);
        Instant endInstant = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = endInstant.minus(Duration.ofDays(90));

        Supplier<Object> hoursByClientWeek = () -> tx.execute(s -> jdbc.sql("""
                SELECT company_id, date_trunc('week', time_start) AS week, sum(actual_hours) AS hours, count(*) AS entries
                FROM cw_time_entries
                WHERE deleted_at IS NULL AND time_start >= :from AND time_start < :end
                GROUP BY company_id, date_trunc('week', time_start)""")
                .param("from", java.sql.Timestamp.from(from)).param("end", java.sql.Timestamp.from(endInstant))
                .query().listOfRows().size());
        Supplier<Object> ticketsByClient = () -> tx.execute(s -> jdbc.sql("""
                SELECT company_id, count(*) FROM cw_tickets WHERE deleted_at IS NULL GROUP BY company_id""")
                .query().listOfRows().size());

        out("");
        out("warm-up: one pass of the baseline scans and of every KPI (not counted)");
        TenantContext.runAs(tenant, () -> {
            hoursByClientWeek.get();
            ticketsByClient.get();
        });
        double[] hours = new double[runs], tickets = new double[runs];
        for (int i = 0; i < runs; i++) {
            int k = i;
            TenantContext.runAs(tenant, () -> {
                hours[k] = millis(hoursByClientWeek);
                tickets[k] = millis(ticketsByClient);
            });
        }
        double baseline = median(hours) + median(tickets);
        out("baseline: hours by client and ISO week, 90 days before asOf %s: median %.0f ms; tickets by client "
                + "(whole table): median %.0f ms; baseline = %.0f ms", asOf, median(hours), median(tickets), baseline);

        List<String> slugs = kpis.slugs();
        KpiRequest request = new KpiRequest(null, null, null, asOf, null);
        Map<String, double[]> times = new LinkedHashMap<>();
        for (String slug : slugs) {
            TenantContext.runAs(tenant, () -> kpis.compute(slug, request)); // warm-up
            double[] t = new double[runs];
            for (int i = 0; i < runs; i++) {
                t[i] = TenantContext.callAs(tenant, () -> millis(() -> kpis.compute(slug, request)));
            }
            times.put(slug, t);
            out("  %-24s runs %s ms", slug, Arrays.toString(Arrays.stream(t).mapToLong(Math::round).toArray()));
        }
        double all = TenantContext.callAs(tenant, () -> millis(() -> kpis.computeAll(asOf)));

        out("");
        out("%-24s %10s %10s %8s", "KPI", "median ms", "× baseline", "target");
        double sum = 0;
        boolean allMet = true;
        for (var e : times.entrySet()) {
            double m = median(e.getValue());
            sum += m;
            boolean met = m <= TARGET_MS && m <= TARGET_RATIO * baseline;
            allMet &= met;
            out("%-24s %10.0f %9.1fx %8s", e.getKey(), m, m / baseline, met ? "met" : "MISSED");
        }
        out("%-24s %10.0f", "baseline scan", baseline);
        out("%-24s %10.0f %9.1fx %8s", "sum of medians", sum, sum / baseline, sum <= TARGET_TOTAL_MS ? "met" : "MISSED");
        out("%-24s %10.0f %9.1fx %8s", "computeAll (one run)", all, all / baseline, all <= TARGET_TOTAL_MS ? "met" : "MISSED");
        out("(targets on 2 cores: each KPI ≤ %.0f ms and ≤ %.0f× the baseline; all twelve ≤ %.0f ms)%s", TARGET_MS,
                TARGET_RATIO, TARGET_TOTAL_MS, allMet ? "" : "  — some KPI missed");
    }
}
