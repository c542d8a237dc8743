package com.mspanalytics.benchmark;

import static com.mspanalytics.benchmark.BenchmarkSupport.deleteRecursively;
import static com.mspanalytics.benchmark.BenchmarkSupport.execute;
import static com.mspanalytics.benchmark.BenchmarkSupport.options;
import static com.mspanalytics.benchmark.BenchmarkSupport.out;
import static com.mspanalytics.benchmark.BenchmarkSupport.query;
import static com.mspanalytics.benchmark.BenchmarkSupport.seconds;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.kpi.KpiRequest;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.simulator.sentinelone.SentinelOneSimulator;
import com.mspanalytics.simulator.world.Agreement;
import com.mspanalytics.simulator.world.Addition;
import com.mspanalytics.simulator.world.Catalog;
import com.mspanalytics.simulator.world.Client;
import com.mspanalytics.simulator.world.Contact;
import com.mspanalytics.simulator.world.MspWorld;
import com.mspanalytics.simulator.world.Project;
import com.mspanalytics.simulator.world.Review;
import com.mspanalytics.simulator.world.SecurityEvent;
import com.mspanalytics.simulator.world.Tech;
import com.mspanalytics.simulator.world.Ticket;
import com.mspanalytics.simulator.world.TimeEntry;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.simulator.world.WorldSpec;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KPI benchmark (docs/benchmarks.md; run by {@code bench/kpis.sh}; never by {@code mvn verify}: it asserts nothing about
 * time, it prints figures).
 *
 * <ol>
 *   <li>Starts its own embedded PostgreSQL (a temporary directory unless {@code --data-dir} names one to keep and
 *       reuse) and the application in production mode against it (Flyway migrates, the app role and RLS as in
 *       production), and seeds a tenant.</li>
 *   <li>Generates the {@link WorldSize#LARGE} world (~1M tickets, ~3M time entries over 260 weeks) and loads it with
 *       PostgreSQL COPY over the owner's connection straight into the normalised tables (companies, contacts, members,
 *       agreements and additions, projects, tickets, time entries, SmileBack reviews, security events), columns
 *       mapped as the sync maps the simulators' records; {@code raw} is {@code '{}'} (no KPI reads it) to keep the
 *       load fast. Then ANALYZE.</li>
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

    private static final String USAGE = "usage: KpiBenchmark [--seed S] [--size large|benchmark|small|tiny] "
            + "[--end-date YYYY-MM-DD] [--runs N] [--data-dir DIR] [--explain-ms N] [--pg name=value,...]";

    private static final String TENANT = "KPI Benchmark MSP";
    private static final double TARGET_MS = 3000, TARGET_RATIO = 5, TARGET_TOTAL_MS = 20_000;

    private KpiBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args, USAGE);
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        WorldSize size = WorldSize.parse(options.getOrDefault("size", "large"));
        LocalDate end = LocalDate.parse(options.getOrDefault("end-date", "2026-11-23"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        String explainMs = options.get("explain-ms");
        boolean keep = options.containsKey("data-dir");
        Path base = keep ? Path.of(options.get("data-dir")).toAbsolutePath() : Files.createTempDirectory("msp-kpi-bench-");
        Files.createDirectories(base);
        boolean reuse = Files.exists(base.resolve("postgres").resolve("postgresql.conf"));

        out("machine: %d processors, load average %s, max heap %,d MB, %s", Runtime.getRuntime().availableProcessors(),
                loadAverage(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

        long t0 = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(base.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(120))
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min")
                // As the product's embedded server and compose file run (docs/benchmarks.md, "KPIs"); --pg overrides.
                .setServerConfig("random_page_cost", "1.1");
        if (options.containsKey("pg")) {
            for (String setting : options.get("pg").split(",")) {
                String[] kv = setting.split("=", 2);
                builder.setServerConfig(kv[0].trim(), kv[1].trim());
            }
        }
        if (explainMs != null) {
            builder.setServerConfig("shared_preload_libraries", "auto_explain")
                    .setServerConfig("auto_explain.log_min_duration", explainMs)
                    .setServerConfig("auto_explain.log_analyze", "on")
                    .setServerConfig("auto_explain.log_buffers", "on")
                    .setServerConfig("auto_explain.log_timing", "on")
                    .setServerConfig("auto_explain.log_nested_statements", "on")
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", base.resolve("pglog").toString())
                    .setServerConfig("log_filename", "postgresql.log");
        }
        EmbeddedPostgres postgres = builder.start();
        DataSource owner = postgres.getPostgresDatabase();
        out("postgres: embedded %s on port %d, data in %s%s (started in %.1f s); shared_buffers %s, work_mem %s, "
                + "max_parallel_workers_per_gather %s, random_page_cost %s", query(owner, "SHOW server_version"),
                postgres.getPort(), base, reuse ? " (reused)" : "", seconds(t0), query(owner, "SHOW shared_buffers"),
                query(owner, "SHOW work_mem"), query(owner, "SHOW max_parallel_workers_per_gather"),
                query(owner, "SHOW random_page_cost"));

        ConfigurableApplicationContext app = null;
        try {
            t0 = System.nanoTime();
            Map<String, Object> properties = new LinkedHashMap<>(TestDatabase.productionEnvironment(postgres));
            properties.put("logging.level.root", "WARN");
            properties.put("spring.main.banner-mode", "off");
            app = new SpringApplicationBuilder(MspAnalyticsApplication.class).properties(properties).run();
            out("application: production mode, started in %.1f s (Flyway at %s)", seconds(t0),
                    query(owner, "SELECT max(version) FROM flyway_schema_history WHERE success"));

            String existing = query(owner, "SELECT coalesce((SELECT id::text FROM tenants WHERE name = '" + TENANT + "'), '')");
            TenantId tenant;
            MspWorld world = MspWorld.generate(new WorldSpec(seed, size, end));
            if (existing.isEmpty()) {
                tenant = app.getBean(TenantSeeder.class).seed(TENANT).tenant();
                t0 = System.nanoTime();
                load(owner, tenant, world);
                out("load: COPY of the %s world (seed %d, %s – %s) in %.1f s", size, seed, world.spec().startDate(), end,
                        seconds(t0));
            } else {
                tenant = new TenantId(java.util.UUID.fromString(existing));
                out("load: reusing tenant %s in %s", existing, base);
            }
            t0 = System.nanoTime();
            execute(owner, "VACUUM ANALYZE");
            out("VACUUM ANALYZE in %.1f s", seconds(t0));
            for (String table : List.of("cw_companies", "cw_contacts", "cw_members", "cw_agreements",
                    "cw_agreement_additions", "cw_projects", "cw_tickets", "cw_time_entries", "smileback_reviews",
                    "security_events")) {
                out("  %-24s %,12d rows %8s", table, Long.parseLong(query(owner, "SELECT count(*) FROM " + table
                        + " WHERE tenant_id = '" + tenant.value() + "'")),
                        query(owner, "SELECT pg_size_pretty(pg_total_relation_size('" + table + "'))"));
            }
            out("indexes: %s", query(owner, "SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes "
                    + "WHERE tablename IN ('cw_tickets', 'cw_time_entries', 'smileback_reviews', 'security_events') "
                    + "AND indexname NOT LIKE '%pkey'"));

            run(app, tenant, end, runs);
            out("load average after: %s", loadAverage());
            if (explainMs != null) {
                out("auto_explain plans of statements slower than %s ms: %s", explainMs, base.resolve("pglog"));
            }
        } finally {
            if (app != null) {
                app.close();
            }
            postgres.close();
            if (!keep) {
                deleteRecursively(base);
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

    // ---------------------------------------------------------------- loading

    private static void load(DataSource owner, TenantId tenantId, MspWorld world) throws Exception {
        String tenant = tenantId.value().toString();
        Catalog catalog = world.catalog();
        Instant now = world.spec().endInstant();
        String nowText = ts(now);
        try (Connection c = owner.getConnection()) {
            try (Writer w = copy(c, "cw_companies (tenant_id, id, identifier, name, status, market, employees, last_updated, raw)")) {
                for (Client cl : catalog.clients()) {
                    row(w, tenant, cl.id(), cl.identifier(), cl.name(), "Active", cl.industry(), cl.employees(), nowText, "{}");
                }
            }
            try (Writer w = copy(c, "cw_contacts (tenant_id, id, company_id, first_name, last_name, email, last_updated, raw)")) {
                for (Client cl : catalog.clients()) {
                    for (Contact ct : cl.contacts()) {
                        row(w, tenant, ct.id(), ct.companyId(), ct.firstName(), ct.lastName(), ct.email(), nowText, "{}");
                    }
                }
            }
            try (Writer w = copy(c, "cw_members (tenant_id, id, identifier, first_name, last_name, title, daily_capacity, last_updated, raw)")) {
                for (Tech t : catalog.techs()) {
                    row(w, tenant, t.id(), t.identifier(), t.firstName(), t.lastName(), t.title(), t.dailyCapacity(), nowText, "{}");
                }
            }
            try (Writer w = copy(c, "cw_agreements (tenant_id, id, company_id, name, type_name, start_date, last_updated, raw)")) {
                for (Client cl : catalog.clients()) {
                    for (Agreement a : cl.agreements()) {
                        row(w, tenant, a.id(), a.companyId(), a.name(), a.type().displayName(), a.startDate(), nowText, "{}");
                    }
                }
            }
            try (Writer w = copy(c, "cw_agreement_additions (tenant_id, agreement_id, id, product, quantity, effective_date, raw)")) {
                for (Client cl : catalog.clients()) {
                    for (Agreement a : cl.agreements()) {
                        for (Addition ad : a.additions()) {
                            row(w, tenant, ad.agreementId(), ad.id(), ad.product(), ad.quantity(), ad.effectiveDate(), "{}");
                        }
                    }
                }
            }
            try (Writer w = copy(c, "cw_projects (tenant_id, id, company_id, name, status, closed, actual_start, actual_end, "
                    + "estimated_start, estimated_end, description, last_updated, raw)")) {
                for (Project p : catalog.projects()) {
                    if (p.actualStart().atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(now)) continue;
                    boolean closed = p.closed() && !p.actualEnd().atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(now);
                    row(w, tenant, p.id(), p.companyId(), p.name(), closed ? "Closed" : "In Progress", closed,
                            p.actualStart(), closed ? p.actualEnd() : null, p.actualStart(),
                            p.actualEnd() != null ? p.actualEnd() : p.actualStart().plusDays(60), "Domain: " + p.domain(),
                            nowText, "{}");
                }
            }
        }
        // Tickets, their time entries and reviews in one pass over the generated bundles, three COPY streams at once.
        long[] counts = new long[3];
        try (Connection ct = owner.getConnection(); Connection ce = owner.getConnection(); Connection cr = owner.getConnection();
             Writer tickets = copy(ct, "cw_tickets (tenant_id, id, summary, board_id, board_name, status_name, company_id, "
                     + "contact_id, type_name, subtype_name, item_name, priority_name, owner_member_id, agreement_id, "
                     + "date_entered, date_responded, closed_date, closed, actual_hours, last_updated, raw)");
             Writer entries = copy(ce, "cw_time_entries (tenant_id, id, company_id, charge_to_type, charge_to_id, member_id, "
                     + "work_type, work_role, billable_option, agreement_id, time_start, time_end, actual_hours, hours_billed, "
                     + "last_updated, raw)");
             Writer reviews = copy(cr, "smileback_reviews (tenant_id, id, ticket_id, agents, company_id, company_name, "
                     + "contact_id, score, rating, status, created_at, rated_at, last_updated, raw)")) {
            world.bundles().forEach(bundle -> {
                try {
                    Ticket t = bundle.ticket();
                    if (t.dateEntered().isAfter(now)) return;
                    boolean closed = t.isClosedAt(now);
                    boolean responded = !t.respondedAt().isAfter(now);
                    double hours = 0;
                    Instant updated = t.dateEntered();
                    for (TimeEntry e : bundle.timeEntries()) {
                        if (e.timeEnd().isAfter(now)) continue;
                        hours += e.actualHours();
                        if (e.timeEnd().isAfter(updated)) updated = e.timeEnd();
                        boolean billable = e.billableOption().name().equals("Billable");
                        row(entries, tenant, e.id(), e.client().id(), "ServiceTicket", e.ticketId(), e.member().id(),
                                e.workType().displayName(), e.workRole(), e.billableOption().name(), e.agreement().id(),
                                ts(e.timeStart()), ts(e.timeEnd()), e.actualHours(), billable ? e.actualHours() : 0.0,
                                ts(e.timeEnd()), "{}");
                        counts[1]++;
                    }
                    if (responded && t.respondedAt().isAfter(updated)) updated = t.respondedAt();
                    if (closed && t.closedAt().isAfter(updated)) updated = t.closedAt();
                    row(tickets, tenant, t.id(), t.summary(), t.board().id(), t.board().displayName(),
                            closed ? "Closed" : responded ? "In Progress" : "New", t.client().id(), t.contact().id(),
                            t.category().type(), t.category().subType(), t.category().item(), t.priority().displayName(),
                            t.owner().id(), t.agreement().id(), ts(t.dateEntered()), responded ? ts(t.respondedAt()) : null,
                            closed ? ts(t.closedAt()) : null, closed, Math.round(hours * 100) / 100.0, ts(updated), "{}");
                    counts[0]++;
                    Review r = bundle.review();
                    if (r != null && !r.sentAt().isAfter(now)) {
                        boolean rated = r.rating() != null && r.ratedAt() != null && !r.ratedAt().isAfter(now);
                        Integer score = rated ? r.rating() : null;
                        String rating = score == null ? null : score > 0 ? "positive" : score == 0 ? "neutral" : "negative";
                        Tech ownerTech = t.owner();
                        row(reviews, tenant, r.id(), t.id(), "{" + ownerTech.firstName() + ownerTech.lastName().charAt(0) + "}",
                                String.valueOf(t.client().id()), t.client().name(), String.valueOf(t.contact().id()), score,
                                rating, rated ? "rated" : "sent", ts(t.closedAt()), rated ? ts(r.ratedAt()) : null,
                                ts(rated ? r.ratedAt() : r.sentAt()), "{}");
                        counts[2]++;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        long events = 0;
        try (Connection c = owner.getConnection(); Writer w = copy(c, "security_events (tenant_id, source, external_id, "
                + "client_key, client_name, severity, status, classification, title, created_at, acknowledged_at, "
                + "resolved_at, last_updated, raw)")) {
            for (SecurityEvent e : world.securityEvents()) {
                if (e.createdAt().isAfter(now)) continue;
                boolean s1 = e.source() == SecurityEvent.Source.SENTINELONE;
                boolean resolved = !e.resolvedAt().isAfter(now), acknowledged = !e.acknowledgedAt().isAfter(now);
                row(w, tenant, s1 ? "sentinelone" : "defender", e.id(),
                        s1 ? SentinelOneSimulator.siteId(e.client()) : e.client().identifier(), s1 ? e.client().name() : null,
                        severity(e), resolved ? "resolved" : acknowledged ? "in_progress" : "new",
                        resolved ? classification(e.verdict()) : "undetermined", e.title(), ts(e.createdAt()),
                        acknowledged ? ts(e.acknowledgedAt()) : null, resolved ? ts(e.resolvedAt()) : null,
                        ts(e.lastUpdate(now)), "{}");
                events++;
            }
        }
        out("load: %,d tickets, %,d time entries, %,d reviews, %,d security events", counts[0], counts[1], counts[2], events);
    }

    private static String severity(SecurityEvent e) {
        String s = e.severity() == null ? "" : e.severity().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "critical", "high", "medium", "low", "informational" -> s;
            default -> "informational";
        };
    }

    private static String classification(String verdict) {
        if (verdict == null) return "undetermined";
        return switch (verdict) {
            case "true_positive", "truePositive" -> "true_positive";
            case "false_positive", "falsePositive" -> "false_positive";
            case "benign", "informationalExpectedActivity" -> "benign";
            default -> "undetermined";
        };
    }

    private static Writer copy(Connection c, String target) throws SQLException {
        return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "COPY " + target + " FROM STDIN", 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    /** One row of COPY text format: tab-separated, \N for null, backslash escapes. */
    private static void row(Writer w, Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) w.write('\t');
            Object v = values[i];
            if (v == null) {
                w.write("\\N");
                continue;
            }
            String s = v.toString();
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '\\' -> w.write("\\\\");
                    case '\t' -> w.write("\\t");
                    case '\n' -> w.write("\\n");
                    case '\r' -> w.write("\\r");
                    default -> w.write(ch);
                }
            }
        }
        w.write('\n');
    }

    private static String ts(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static double millis(Supplier<?> work) {
        long t0 = System.nanoTime();
        work.get();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }






}
