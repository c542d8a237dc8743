package com.mspanalytics.benchmark;

import static com.mspanalytics.benchmark.BenchmarkSupport.deleteRecursively;
import static com.mspanalytics.benchmark.BenchmarkSupport.execute;
import static com.mspanalytics.benchmark.BenchmarkSupport.options;
import static com.mspanalytics.benchmark.BenchmarkSupport.out;
import static com.mspanalytics.benchmark.BenchmarkSupport.query;
import static com.mspanalytics.benchmark.BenchmarkSupport.seconds;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.http.SimServer;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.simulator.world.WorldView;
import com.mspanalytics.support.TestSecrets;
import com.mspanalytics.sync.SyncRun;
import com.mspanalytics.sync.SyncService;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sync benchmark (docs/benchmarks.md; run by {@code bench/sync.sh}; never by {@code mvn verify}: no timed
 * assertion).
 *
 * <ol>
 *   <li>Generates the {@link WorldSize#BENCHMARK} world (LARGE's ticket rate over 60 weeks: ~228k tickets, ~690k
 *       time entries) and serves it with the simulators on loopback.</li>
 *   <li>Starts its own embedded PostgreSQL (a temporary directory, never {@code ./data}; pg_stat_statements loaded)
 *       and the application in production mode against it, seeds a tenant and points its ConnectWise connector at
 *       the simulator.</li>
 *   <li>Warms the JVM up: syncs a {@link WorldSize#SMALL} world (another seed) for another tenant, unmeasured.</li>
 *   <li>Runs the {@code tickets} sync, then {@code time-entries} (keyset pages of 1000, one staged upsert per page,
 *       then the id reconciliation), then {@code ticket-history} (one audit-trail request per closed ticket of the
 *       last 120 days, four at a time), as the scheduler would, timing each end to end.</li>
 *   <li>Baseline in the same run and database: the rows just synced are exported with {@code COPY (SELECT …) TO
 *       STDOUT} (to a file, untimed) and loaded with {@code COPY … FROM STDIN} (PgJDBC CopyManager, timed) into a
 *       fresh table created {@code LIKE} the synced one {@code INCLUDING ALL} plus its foreign key: the same rows,
 *       columns and raw jsonb, the same primary key and indexes.</li>
 *   <li>Prints per entity records, seconds, records/s, COPY records/s and the ratio, and where the sync's time went:
 *       statement time in PostgreSQL (pg_stat_statements), the simulator's serving time, and a stack sample of the
 *       sync thread (HTTP fetch, JDBC, JSON parsing, other).</li>
 * </ol>
 *
 * Options: {@code --seed S} (7), {@code --size tiny|small|benchmark|large} (benchmark), {@code --end-date D}
 * (2026-11-27), {@code --page-size N} (1000), {@code --warm-up tiny|small|none} (small).
 */
public final class SyncBenchmark {

    private static final String USAGE = "usage: SyncBenchmark [--seed S] [--size tiny|small|benchmark|large] "
            + "[--end-date YYYY-MM-DD] [--page-size N] [--warm-up tiny|small|none]";

    private static final String TENANT = "Benchmark MSP";

    /**
     * @param order the baseline's export order (the order the sync wrote in)
     * @param served records the simulator serves, or -1 where that is not known up front (ticket-history: the status
     *     changes in the audit trails of the closed tickets within the horizon); then every inserted row must be stored
     */
    private record Entity(String name, String table, String order, int served) {}

    private record Result(Entity entity, double seconds, long fetched, long stored, double copySeconds, long copied,
                          double statementSeconds, long statements, double simulatorBusySeconds,
                          double simulatorHandlerSeconds, double readAheadSeconds, long simulatorRequests, Map<String, Long> samples, long sampleCount,
                          List<String> topStatements, Map<String, Double> cpu) {

        double rate() { return stored / seconds; }

        double copyRate() { return copied / copySeconds; }
    }

    private SyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, USAGE);
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        WorldSize size = WorldSize.parse(options.getOrDefault("size", "benchmark"));
        LocalDate end = LocalDate.parse(options.getOrDefault("end-date", "2026-11-27"));
        String pageSize = options.getOrDefault("page-size", "1000");
        String warmUp = options.getOrDefault("warm-up", "small");

        out("machine: %d processors, load average %.2f, max heap %,d MB, %s", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        long t0 = System.nanoTime();
        Simulators simulators = Simulators.start(SimulatorOptions.of(seed, size, end));
        WorldView view = simulators.live().view();
        out("world: %s, seed %d, end %s: %,d tickets, %,d time entries served (generated in %.1f s)", size, seed, end,
                view.bundles().size(), view.timeEntries().size(), seconds(t0));

        Path dataDir = Files.createTempDirectory("msp-sync-bench-");
        t0 = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .start();
        DataSource owner = postgres.getPostgresDatabase();
        execute(owner, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        out("postgres: embedded %s on port %d, data in %s (started in %.1f s)", query(owner, "SHOW server_version"),
                postgres.getPort(), dataDir, seconds(t0));

        t0 = System.nanoTime();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("DATABASE_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
        properties.put("DB_USER", "postgres");
        properties.put("DB_PASSWORD", "postgres");
        properties.put("DB_APP_PASSWORD", "app-role-password-for-the-benchmark-only-4r8t");
        properties.put("JWT_SECRET_KEY", TestSecrets.JWT_SECRET_KEY);
        properties.put("SECRETS_MASTER_KEY", TestSecrets.SECRETS_MASTER_KEY);
        properties.put("SECRETS_SALT", TestSecrets.SECRETS_SALT);
        properties.put("API_KEY_PEPPER", TestSecrets.API_KEY_PEPPER);
        properties.put("PORT", "0");
        properties.put("CONNECTORS_ALLOW_PRIVATE_ADDRESSES", "true");
        properties.put("CONNECTORS_PACE", "false");   // the simulator has no limit: measure the sync itself
        properties.put("msp.sync.schedule-enabled", "false");
        properties.put("msp.kpi.recompute-after-sync", "false");   // a KPI run after tickets would overlap time entries
        properties.put("msp.connectors.connectwise.page-size", pageSize);
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .properties(properties).run();
        TenantId tenant = app.getBean(TenantSeeder.class).seed(TENANT).tenant();
        app.getBean(CredentialVault.class).save(tenant, "connectwise", simulators.connectorSettings().get("connectwise"));
        out("application: production mode, started in %.1f s; tenant %s pointed at %s", seconds(t0), tenant.value(),
                simulators.connectorSettings().get("connectwise").get("baseUrl"));

        if (!warmUp.equals("none")) {
            warmUp(app, WorldSize.parse(warmUp), seed + 1, end);
        }

        List<Entity> entities = List.of(new Entity("tickets", "cw_tickets", "last_updated, id", view.bundles().size()),
                new Entity("time-entries", "cw_time_entries", "last_updated, id", view.timeEntries().size()),
                new Entity("ticket-history", "cw_ticket_status_changes", "ticket_id, changed_at, id", -1));
        var results = new java.util.ArrayList<Result>();
        try {
            for (Entity entity : entities) {
                results.add(measure(entity, app.getBean(SyncService.class), tenant, owner,
                        simulators.server("connectwise"), simulators.connectWise()::readAheadNanos, dataDir));
            }
        } finally {
            app.close();
            simulators.close();
            postgres.close();
            deleteRecursively(dataDir);
        }
        report(results);
    }

    private static Result measure(Entity entity, SyncService sync, TenantId tenant, DataSource owner, SimServer simulator,
                                  java.util.function.LongSupplier readAheadNanos, Path dataDir) throws Exception {
        execute(owner, "CHECKPOINT");
        execute(owner, "SELECT pg_stat_statements_reset()");
        long busy0 = simulator.busyNanos(), handler0 = simulator.handlerNanos(), ahead0 = readAheadNanos.getAsLong();
        int requests0 = simulator.requests().size();
        var sampler = new Sampler("sync-");
        sampler.start();
        Map<String, Double> cpu0 = cpuSeconds(dataDir, sampler);
        long t0 = System.nanoTime();
        SyncRun run = syncToEnd(sync, tenant, entity.name());
        double seconds = seconds(t0);
        Map<String, Double> cpu = cpuSeconds(dataDir, sampler);
        cpu0.forEach((k, v) -> cpu.merge(k, -v, Double::sum));
        sampler.stop();
        long stored = queryLong(owner, "SELECT count(*) FROM " + entity.table() + " WHERE tenant_id = '" + tenant.value()
                + "' AND deleted_at IS NULL");
        long expected = entity.served() >= 0 ? entity.served() : run.inserted();
        if (stored != expected) {
            throw new IllegalStateException(entity.name() + ": " + stored + " rows stored, " + expected
                    + (entity.served() >= 0 ? " served" : " inserted"));
        }
        double busy = (simulator.busyNanos() - busy0) / 1e9, handler = (simulator.handlerNanos() - handler0) / 1e9;
        double ahead = (readAheadNanos.getAsLong() - ahead0) / 1e9;
        int requests = simulator.requests().size() - requests0;

        List<String> top = new java.util.ArrayList<>();
        double statementSeconds = 0;
        long statements = 0;
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT calls, total_exec_time + total_plan_time AS ms, rows, regexp_replace(query, '\\s+', ' ', 'g') AS q
                     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                       AND query NOT ILIKE '%pg_stat_statements%'
                     ORDER BY 2 DESC""")) {
            while (rs.next()) {
                statementSeconds += rs.getDouble("ms") / 1000;
                statements += rs.getLong("calls");
                if (top.size() < 4) {
                    String q = rs.getString("q");
                    top.add(String.format(Locale.ROOT, "%8.2f s %7d calls  %s", rs.getDouble("ms") / 1000, rs.getLong("calls"),
                            q.length() > 110 ? q.substring(0, 110) + "…" : q));
                }
            }
        }

        // Baseline: the same rows into an identically indexed fresh table with COPY.
        String copyTable = "bench_copy_" + entity.table();
        Path file = dataDir.resolve(copyTable + ".copy");
        execute(owner, "DROP TABLE IF EXISTS " + copyTable);
        execute(owner, "CREATE TABLE " + copyTable + " (LIKE " + entity.table() + " INCLUDING ALL)");
        execute(owner, "ALTER TABLE " + copyTable + " ADD FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE");
        try (Connection c = owner.getConnection(); OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM " + entity.table() + " WHERE tenant_id = '"
                    + tenant.value() + "' ORDER BY " + entity.order() + ") TO STDOUT", o);
        }
        execute(owner, "CHECKPOINT");
        long copied;
        t0 = System.nanoTime();
        try (Connection c = owner.getConnection(); InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + copyTable + " FROM STDIN", in, 1 << 16);
        }
        double copySeconds = seconds(t0);
        long bytes = Files.size(file);
        Files.delete(file);
        out("%s: synced %,d in %.2f s (%d requests); COPY %,d rows (%,d MB of COPY text) in %.2f s", entity.name(), stored,
                seconds, requests, copied, bytes >> 20, copySeconds);
        return new Result(entity, seconds, run.fetched(), stored, copySeconds, copied, statementSeconds, statements, busy,
                handler, ahead, requests, sampler.counts(), sampler.samples(), top, cpu);
    }

    /**
     * Syncs a smaller world for another tenant first, unmeasured, so that the measured runs find the sync path
     * compiled by the JIT, as in a server that has been running: otherwise the compiler threads take a quarter of
     * the two cores during the tickets run.
     */
    private static void warmUp(ConfigurableApplicationContext app, WorldSize size, long seed, LocalDate end)
            throws Exception {
        long t0 = System.nanoTime();
        try (Simulators world = Simulators.start(SimulatorOptions.of(seed, size, end))) {
            TenantId tenant = app.getBean(TenantSeeder.class).seed("Warm-up MSP").tenant();
            app.getBean(CredentialVault.class).save(tenant, "connectwise", world.connectorSettings().get("connectwise"));
            long records = 0;
            for (String entity : List.of("tickets", "time-entries", "ticket-history")) {
                records += syncToEnd(app.getBean(SyncService.class), tenant, entity).fetched();
            }
            out("warm-up (unmeasured): %s world, seed %d, %,d records synced for another tenant in %.1f s", size, seed,
                    records, seconds(t0));
        }
    }

    /** Starts a sync as the scheduler would and waits for it to end; throws unless it succeeded. */
    private static SyncRun syncToEnd(SyncService sync, TenantId tenant, String entity) throws Exception {
        SyncRun run = TenantContext.callAs(tenant, () -> sync.start(entity, "benchmark"));
        UUID runId = run.runId();
        while (run.finishedAt() == null) {
            Thread.sleep(20);
            run = TenantContext.callAs(tenant, () -> sync.find(runId).orElseThrow());
        }
        if (!"SUCCEEDED".equals(run.status().name())) {
            throw new IllegalStateException(entity + " sync " + run.status() + ": " + run.error());
        }
        return run;
    }

    private static void report(List<Result> results) {
        out("");
        out("%-14s %10s %9s %12s %14s %8s %11s", "entity", "records", "seconds", "records/s", "COPY records/s", "ratio",
                "requests/s");
        for (Result r : results) {
            out("%-14s %,10d %9.2f %,12.0f %,14.0f %7.2fx %,11.0f", r.entity().name(), r.stored(), r.seconds(), r.rate(),
                    r.copyRate(), r.copyRate() / r.rate(), r.simulatorRequests() / r.seconds());
        }
        out("(ratio = COPY records/s ÷ sync records/s; targets on 2 cores: tickets ≥ 20,000/s, ratio ≤ 4; ticket-history"
                + " reads one audit trail per closed ticket of the last 120 days, so its requests/s is its pace)");
        for (Result r : results) {
            out("");
            out("where the %s sync's %.2f s went:", r.entity().name(), r.seconds());
            out("  PostgreSQL statement time (pg_stat_statements, plan + execute): %.2f s in %,d statements (%.0f%%)",
                    r.statementSeconds(), r.statements(), 100 * r.statementSeconds() / r.seconds());
            r.topStatements().forEach(s -> out("    %s", s));
            out("  simulator serving (request read → response written): %.2f s for %d requests (%.0f%%); of which building"
                    + " and serialising the JSON: %.2f s", r.simulatorBusySeconds(), r.simulatorRequests(),
                    100 * r.simulatorBusySeconds() / r.seconds(), r.simulatorHandlerSeconds());
            out("  simulator read-ahead (next page rendered while the client stores this one; off the request path, same"
                    + " cores): %.2f s", r.readAheadSeconds());
            out("  CPU time (2 cores give %.2f s of it in %.2f s):", 2 * r.seconds(), r.seconds());
            r.cpu().forEach((k, v) -> out("    %-60s %6.2f s", k, v));
            out("  the sync's threads, stack-sampled every ~10 ms (%,d samples, each weighted by its interval; %% of the"
                    + " wall time):", r.sampleCount());
            Map<String, Long> shown = new java.util.TreeMap<>();
            long floor = (long) (r.seconds() * 1e9 / 200);
            r.samples().forEach((k, v) -> shown.merge(v >= floor ? k : k.substring(0, k.indexOf(':') + 1)
                    + " other (each under 0.5 %)", v, Long::sum));
            shown.forEach((k, v) -> out("    %-75s %5.1f%%  ≈ %.2f s", k, 100.0 * v / 1e9 / r.seconds(), v / 1e9));
        }
    }

    /**
     * CPU seconds so far: PostgreSQL (the postmaster whose command line names {@code dataDir}, with its children,
     * living and reaped), this JVM, and of the JVM the sync's own threads (the run's and its read-ahead thread)
     * and the simulator's; Linux {@code /proc} only.
     */
    private static Map<String, Double> cpuSeconds(Path dataDir, Sampler sampler) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        double tick = 100.0;
        try (var procs = Files.list(Path.of("/proc"))) {
            List<Path> pids = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
            String postmaster = null;
            for (Path pid : pids) {
                try {
                    String cmd = Files.readString(pid.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains("postgres") && cmd.contains(dataDir.toString())) {
                        postmaster = pid.getFileName().toString();
                    }
                } catch (Exception ignored) {
                    // gone meanwhile
                }
            }
            double postgres = 0;
            for (Path pid : pids) {
                try {
                    String[] f = Files.readString(pid.resolve("stat")).replaceFirst("^.*\\) ", "").split(" ");
                    String self = pid.getFileName().toString();
                    if (self.equals(postmaster)) {
                        postgres += (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                                + Long.parseLong(f[14])) / tick;
                    } else if (f[1].equals(postmaster)) {
                        postgres += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick;
                    }
                } catch (Exception ignored) {
                    // gone meanwhile
                }
            }
            cpu.put("PostgreSQL (server processes)", postgres);
        } catch (Exception e) {
            cpu.put("PostgreSQL (server processes): /proc unreadable", 0.0);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double jvm = os.getProcessCpuTime() / 1e9;
        cpu.put("JVM (application, simulator, benchmark)", jvm);
        Map<String, Long> threads = sampler.threadCpu();
        threads.forEach((k, v) -> cpu.put("  of which " + k, v / 1e9));
        // what no Java thread accounts for: the JVM's own threads (garbage collection, JIT compilation)
        cpu.put("  of which GC, JIT and other JVM-internal threads", jvm - threads.values().stream()
                .mapToLong(Long::longValue).sum() / 1e9);
        cpu.put("    (garbage collection pauses, wall)", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum() / 1e3);
        cpu.put("    (JIT compilation, per compiler thread)", ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3);
        return cpu;
    }

    /** Where the sync thread is, classified by the innermost frame that tells. */
    private static final class Sampler {
        private final String prefix;
        private final Map<String, Long> counts = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong samples = new AtomicLong();
        private final Map<String, Map<Long, long[]>> threadCpu = new ConcurrentHashMap<>();
        private Thread thread;

        Sampler(String prefix) {
            this.prefix = prefix;
        }

        void start() {
            thread = new Thread(() -> {
                var mx = ManagementFactory.getThreadMXBean();
                long previous = System.nanoTime();
                long round = 0;
                List<Long> sync = List.of();
                while (running.get()) {
                    long now = System.nanoTime();
                    // each sample stands for the time since the previous one: on a loaded machine the interval varies
                    long weight = now - previous;
                    previous = now;
                    // every 100 ms: which threads there are and their CPU time; every 10 ms: the sync threads' stacks
                    if (round++ % 10 == 0) {
                        List<Long> found = new java.util.ArrayList<>();
                        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
                            if (info == null) continue;
                            long time = mx.getThreadCpuTime(info.getThreadId());
                            if (time >= 0) {
                                threadCpu.computeIfAbsent(group(info.getThreadName()), g -> new ConcurrentHashMap<>())
                                        .merge(info.getThreadId(), new long[] {time, time}, (a, b) -> new long[] {a[0], b[1]});
                            }
                            if (info.getThreadName().startsWith(prefix)) found.add(info.getThreadId());
                        }
                        sync = found;
                    }
                    for (ThreadInfo info : mx.getThreadInfo(sync.stream().mapToLong(Long::longValue).toArray(), 64)) {
                        if (info != null && info.getStackTrace().length > 0 && !isIdle(info.getStackTrace())) {
                            String role = info.getThreadName().startsWith("sync-read-") ? "read-ahead thread: "
                                    : "run thread: ";
                            counts.merge(role + classify(info.getStackTrace()), weight, Long::sum);
                            samples.incrementAndGet();
                        }
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "benchmark-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        /** Category → nanoseconds (sample intervals) attributed to it. */
        Map<String, Long> counts() { return counts; }

        long samples() { return samples.get(); }

        /** CPU nanoseconds of each thread group between its first and last sample. */
        Map<String, Long> threadCpu() {
            Map<String, Long> sums = new LinkedHashMap<>();
            threadCpu.forEach((group, threads) -> sums.put(group,
                    threads.values().stream().mapToLong(t -> t[1] - t[0]).sum()));
            return sums;
        }

        private static String group(String name) {
            if (name.startsWith("sync-read-")) return "the sync's read-ahead thread (fetch, parse, stage rows)";
            if (name.startsWith("sync-")) return "the sync's run thread (COPY, upsert, commit)";
            if (name.startsWith("simulator-") || name.startsWith("connectwise-read-ahead") || name.startsWith("HTTP-")) {
                return "the simulator's threads (serving, rendering pages ahead)";
            }
            if (name.equals("benchmark-sampler")) return "this sampler";
            return "other Java threads";
        }

        private static boolean isIdle(StackTraceElement[] stack) {
            // an idle pool thread waits for its next task
            for (StackTraceElement e : stack) {
                if (e.getClassName().startsWith("java.util.concurrent.ThreadPoolExecutor") && e.getMethodName().equals("getTask")) return true;
            }
            return false;
        }

        private static String classify(StackTraceElement[] stack) {
            for (StackTraceElement e : stack) {
                if (e.getClassName().equals("com.mspanalytics.sync.PagePipeline")) {
                    if (e.getMethodName().equals("offer")) return "waiting for the run thread (page ready)";
                    if (e.getMethodName().equals("run") && any(stack, "java.util.concurrent.ArrayBlockingQueue")) {
                        return "waiting for the read-ahead thread (next page)";
                    }
                    break;
                }
            }
            // outermost library wins: a PgJDBC socket read is JDBC, not networking in general
            if (any(stack, "org.postgresql.", "com.zaxxer.hikari.")) return "JDBC: PostgreSQL statements and commits (incl. round trips)";
            if (any(stack, "org.apache.hc.", "org.springframework.http.", "org.springframework.web.client.")) {
                return "HTTP fetch: request and reading the response body";
            }
            if (any(stack, "com.mspanalytics.sync.StagedRows")) return "writing the COPY rows (client)";
            if (any(stack, "tools.jackson.", "com.fasterxml.jackson.", "com.mspanalytics.sync.RecordReader")) {
                return "JSON parsing of the page (client)";
            }
            if (any(stack, "org.springframework.transaction.", "org.springframework.jdbc.")) {
                return "Spring JDBC / transactions (client side)";
            }
            if (any(stack, "io.github.resilience4j.")) return "retry / circuit breaker";
            return "other (" + stack[0].getClassName().replaceAll("^(.*)\\.[^.]+$", "$1") + ")";
        }

        private static boolean any(StackTraceElement[] stack, String... prefixes) {
            for (StackTraceElement e : stack) {
                for (String prefix : prefixes) if (e.getClassName().startsWith(prefix)) return true;
            }
            return false;
        }
    }



    private static long queryLong(DataSource ds, String sql) throws SQLException {
        return Long.parseLong(query(ds, sql));
    }




}
