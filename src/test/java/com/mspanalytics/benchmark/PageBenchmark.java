package com.mspanalytics.benchmark;

import static com.mspanalytics.benchmark.BenchmarkSupport.loadAverage;
import static com.mspanalytics.benchmark.BenchmarkSupport.machine;
import static com.mspanalytics.benchmark.BenchmarkSupport.options;
import static com.mspanalytics.benchmark.BenchmarkSupport.out;
import static com.mspanalytics.benchmark.BenchmarkSupport.percentile;
import static com.mspanalytics.benchmark.BenchmarkSupport.query;

import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.tenant.TenantContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard page benchmark (docs/benchmarks.md, "Dashboard pages"; run by {@code bench/pages.sh}, never by
 * {@code mvn verify}: it asserts nothing about time, it prints figures).
 *
 * <ol>
 *   <li>The KPI benchmark's tenant ({@link BenchmarkTenant}: ~1M tickets, ~3M time entries; a {@code --data-dir}
 *       made by either benchmark serves both), with the application's clock set to the morning after the world's
 *       last day, so that the pages show the world as a nightly sync would have left it.</li>
 *   <li>Stored results of every KPI for each of the last {@value #HISTORY_WEEKS} weeks ({@link KpiHistory}).</li>
 *   <li>An admin signs in through the login form; every page is then requested over HTTP on loopback with that
 *       session, {@code --warm-up} rounds unmeasured, then {@code --runs} rounds measured. A round requests each
 *       page once, {@code GET /health} (the baseline) included, so that a busy moment of the shared machine falls on
 *       every page alike. Server time is the time from sending the request to the last byte of the body.</li>
 *   <li>First contentful paint of the overview and of the largest KPI page in headless Chromium, and the
 *       compressed size of every script those two pages load.</li>
 * </ol>
 *
 * Options: {@code --runs N} (50), {@code --warm-up N} (10), {@code --paint-runs N} (10), and the tenant's
 * ({@link BenchmarkTenant#USAGE}).
 */
public final class PageBenchmark {

    private static final String USAGE = "usage: PageBenchmark [--runs N] [--warm-up N] [--paint-runs N] "
            + BenchmarkTenant.USAGE;

    static final int HISTORY_WEEKS = 12;
    private static final double OVERVIEW_AND_KPI_MS = 100, ENTITY_MS = 300, PAINT_MS = 1000, SCRIPT_BYTES = 400 * 1024;
    private static final String ADMIN = "page-benchmark-admin@example.com";

    /** A page to measure; {@code targetMs} NaN where the product sets none. */
    record Page(String name, String path, double targetMs) {
    }

    /** A page's measured requests. */
    record Timing(Page page, double[] millis, int bytes) {

        double p95() {
            return percentile(millis, 95);
        }
    }

    private PageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, USAGE);
        int runs = Integer.parseInt(options.getOrDefault("runs", "50"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "10"));
        int paintRuns = Integer.parseInt(options.getOrDefault("paint-runs", "10"));
        BenchmarkTenant.Options world = BenchmarkTenant.Options.of(options);
        out("machine: %s", machine());
        Instant morningAfter = world.end().plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), morningAfter));
        try (BenchmarkTenant bench = BenchmarkTenant.start(world, app -> app
                // a round of every page takes well under a second: the per-tenant page limit (1,200 a minute) would
                // refuse the benchmark, not a user; it stays in the path, counting
                .properties(Map.of("msp.ratelimit.groups.pages.limit", "1000000"))
                .initializers(context -> context.getBeanFactory().registerSingleton("benchmarkClock", clock)))) {
            KpiHistory.ensure(bench.app.getBean(KpiService.class), bench.tenant, world.end(), HISTORY_WEEKS);
            Users.NewUser admin = TenantContext.callAs(bench.tenant,
                    () -> bench.app.getBean(Users.class).createWithPassword(ADMIN, "Benchmark Admin", Role.ADMIN));
            PageClient client = PageClient.signIn(bench.port(), ADMIN, admin.password());

            List<Page> pages = pages(bench);
            List<Timing> timings = measure(client, pages, warmUp, runs);
            print(timings, runs);

            String largestKpi = timings.stream().filter(t -> t.page().path().startsWith("/app/kpi/"))
                    .max(Comparator.comparingInt(Timing::bytes)).orElseThrow().page().path();
            try (PagePaints browser = PagePaints.signIn(bench.port(), ADMIN, admin.password())) {
                paints(browser, List.of("/", largestKpi), paintRuns);
                scripts(browser, client, List.of("/", largestKpi));
            }
            out("load average after: %s", loadAverage());
        }
    }

    /** The overview, the twelve KPI pages, the busiest client's and tech's pages, the anomalies inbox. */
    private static List<Page> pages(BenchmarkTenant bench) throws Exception {
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("/health (baseline)", "/health", Double.NaN));
        pages.add(new Page("overview", "/", OVERVIEW_AND_KPI_MS));
        for (String slug : bench.app.getBean(KpiService.class).slugs()) {
            pages.add(new Page("kpi " + slug, "/app/kpi/" + slug, OVERVIEW_AND_KPI_MS));
        }
        // the client and the tech with the most tickets: their pages read the most rows
        String tenant = bench.tenant.value().toString();
        String client = query(bench.owner, "SELECT company_id FROM cw_tickets WHERE tenant_id = '" + tenant
                + "' GROUP BY company_id ORDER BY count(*) DESC LIMIT 1");
        String tech = query(bench.owner, "SELECT owner_member_id FROM cw_tickets WHERE tenant_id = '" + tenant
                + "' GROUP BY owner_member_id ORDER BY count(*) DESC LIMIT 1");
        pages.add(new Page("client " + client, "/app/clients/" + client, ENTITY_MS));
        pages.add(new Page("tech " + tech, "/app/techs/" + tech, ENTITY_MS));
        pages.add(new Page("anomalies", "/app/anomalies", Double.NaN));
        return pages;
    }

    private static List<Timing> measure(PageClient client, List<Page> pages, int warmUp, int runs) throws Exception {
        out("");
        out("warm-up: %d rounds of %d requests (not counted), then %d measured rounds", warmUp, pages.size(), runs);
        for (int round = 0; round < warmUp; round++) {
            for (Page page : pages) {
                client.ok(page.path());
            }
        }
        double[][] millis = new double[pages.size()][runs];
        int[] bytes = new int[pages.size()];
        for (int round = 0; round < runs; round++) {
            for (int p = 0; p < pages.size(); p++) {
                PageClient.Response response = client.ok(pages.get(p).path());
                millis[p][round] = response.millis();
                bytes[p] = response.body().length;
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            timings.add(new Timing(pages.get(p), millis[p], bytes[p]));
        }
        return timings;
    }

    private static void print(List<Timing> timings, int runs) {
        double baseline = timings.get(0).p95();
        out("");
        out("server time, %d sequential requests per page (ms, from sending the request to the body's last byte)", runs);
        out("%-30s %8s %8s %8s %9s %8s %12s %6s", "page", "p50", "p95", "max", "body KB", "target", "p95÷health", "");
        for (Timing t : timings) {
            double p95 = t.p95();
            boolean hasTarget = !Double.isNaN(t.page().targetMs());
            out("%-30s %8.1f %8.1f %8.1f %9.1f %8s %11.1f× %6s", t.page().name(), percentile(t.millis(), 50), p95,
                    percentile(t.millis(), 100), t.bytes() / 1024.0,
                    hasTarget ? String.format("≤ %.0f", t.page().targetMs()) : "–", p95 / baseline,
                    !hasTarget ? "" : p95 <= t.page().targetMs() ? "pass" : "OVER");
        }
    }

    private static void paints(PagePaints browser, List<String> paths, int runs) {
        out("");
        out("first contentful paint in headless Chromium, %d loads of each (ms, from navigation start)", runs);
        out("%-34s %-26s %8s %8s %8s %6s", "page", "visit", "p50", "p95", "max", "≤ 1 s");
        for (String path : paths) {
            PagePaints.Paint paint = browser.paint(path, runs);
            paintRow(path, "first (HTTP cache off)", paint.firstVisitMs());
            paintRow(path, "return (HTTP cache on)", paint.returnVisitMs());
        }
    }

    private static void paintRow(String path, String visit, double[] millis) {
        double p95 = percentile(millis, 95);
        out("%-34s %-26s %8.0f %8.0f %8.0f %6s", path, visit, percentile(millis, 50), p95, percentile(millis, 100),
                p95 <= PAINT_MS ? "pass" : "OVER");
    }

    /** Each script the pages load once (the browser caches it for the next page), gzipped as a server would send it. */
    private static void scripts(PagePaints browser, PageClient client, List<String> paths) throws Exception {
        Set<String> scripts = new LinkedHashSet<>();
        for (String path : paths) {
            scripts.addAll(browser.scripts(path));
        }
        out("");
        out("JavaScript the pages %s load, each once (gzip, default level)", String.join(" and ", paths));
        out("%-60s %10s %10s", "script", "bytes", "gzip bytes");
        long raw = 0, gzipped = 0;
        for (String script : scripts) {
            byte[] body = client.ok(script).body();
            int compressed = gzip(body);
            raw += body.length;
            gzipped += compressed;
            out("%-60s %,10d %,10d", script, body.length, compressed);
        }
        out("%-60s %,10d %,10d  %s (target ≤ %,.0f)", "total", raw, gzipped, gzipped <= SCRIPT_BYTES ? "pass" : "OVER",
                SCRIPT_BYTES);
    }

    private static int gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.size();
    }
}
