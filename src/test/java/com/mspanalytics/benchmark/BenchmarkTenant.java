package com.mspanalytics.benchmark;

import static com.mspanalytics.benchmark.BenchmarkSupport.deleteRecursively;
import static com.mspanalytics.benchmark.BenchmarkSupport.execute;
import static com.mspanalytics.benchmark.BenchmarkSupport.out;
import static com.mspanalytics.benchmark.BenchmarkSupport.query;
import static com.mspanalytics.benchmark.BenchmarkSupport.seconds;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.simulator.world.MspWorld;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.simulator.world.WorldSpec;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.tenant.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The big tenant the KPI and page benchmarks measure: an embedded PostgreSQL of its own (a temporary directory, or
 * {@code --data-dir} kept and reused, where a later run skips the load), the application in production mode
 * against it (Flyway, the app role, forced RLS), and the generated world loaded once by {@link WorldLoader}, then
 * VACUUM ANALYZE. Both benchmarks use the same tenant, so that one data directory serves both.
 */
final class BenchmarkTenant implements AutoCloseable {

    static final String USAGE = "[--seed S] [--size large|benchmark|small|tiny] [--end-date YYYY-MM-DD] "
            + "[--data-dir DIR] [--explain-ms N] [--pg name=value,...]";

    private static final String NAME = "KPI Benchmark MSP";
    private static final List<String> TABLES = List.of("cw_companies", "cw_contacts", "cw_members", "cw_agreements",
            "cw_agreement_additions", "cw_projects", "cw_tickets", "cw_time_entries", "smileback_reviews",
            "security_events");

    /** The world and the database: {@code dataDir} null for a temporary one. */
    record Options(long seed, WorldSize size, LocalDate end, Path dataDir, String explainMs, String pg) {

        static Options of(Map<String, String> options) {
            return new Options(Long.parseLong(options.getOrDefault("seed", "7")),
                    WorldSize.parse(options.getOrDefault("size", "large")),
                    LocalDate.parse(options.getOrDefault("end-date", "2026-11-23")),
                    options.containsKey("data-dir") ? Path.of(options.get("data-dir")).toAbsolutePath() : null,
                    options.get("explain-ms"), options.get("pg"));
        }
    }

    final Options options;
    final Path base;
    final EmbeddedPostgres postgres;
    final DataSource owner;
    final ConfigurableApplicationContext app;
    final TenantId tenant;

    private BenchmarkTenant(Options options, Path base, EmbeddedPostgres postgres, ConfigurableApplicationContext app,
            TenantId tenant) {
        this.options = options;
        this.base = base;
        this.postgres = postgres;
        this.owner = postgres.getPostgresDatabase();
        this.app = app;
        this.tenant = tenant;
    }

    /** @param application extra settings of the application (properties, beans) before it starts */
    static BenchmarkTenant start(Options options, Consumer<SpringApplicationBuilder> application) throws Exception {
        Path base = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("msp-kpi-bench-");
        Files.createDirectories(base);
        EmbeddedPostgres postgres = startPostgres(options, base);
        ConfigurableApplicationContext app = null;
        try {
            app = startApplication(postgres, application);
            BenchmarkTenant started = new BenchmarkTenant(options, base, postgres, app, loadedTenant(options, postgres, app));
            started.analyze();
            return started;
        } catch (Exception | Error e) {
            if (app != null) {
                app.close();
            }
            postgres.close();
            if (options.dataDir() == null) {
                deleteRecursively(base);
            }
            throw e;
        }
    }

    int port() {
        return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static EmbeddedPostgres startPostgres(Options options, Path base) throws Exception {
        boolean reuse = Files.exists(base.resolve("postgres").resolve("postgresql.conf"));
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
        if (options.pg() != null) {
            for (String setting : options.pg().split(",")) {
                String[] kv = setting.split("=", 2);
                builder.setServerConfig(kv[0].trim(), kv[1].trim());
            }
        }
        if (options.explainMs() != null) {
            builder.setServerConfig("shared_preload_libraries", "auto_explain")
                    .setServerConfig("auto_explain.log_min_duration", options.explainMs())
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
        return postgres;
    }

    private static ConfigurableApplicationContext startApplication(EmbeddedPostgres postgres,
            Consumer<SpringApplicationBuilder> application) throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> properties = new LinkedHashMap<>(TestDatabase.productionEnvironment(postgres));
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        SpringApplicationBuilder builder = new SpringApplicationBuilder(MspAnalyticsApplication.class).properties(properties);
        application.accept(builder);
        ConfigurableApplicationContext app = builder.run();
        out("application: production mode, started in %.1f s (Flyway at %s)", seconds(t0),
                query(postgres.getPostgresDatabase(),
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1"));
        return app;
    }

    /** The tenant of an earlier run in the same data directory, else a new one with the world loaded. */
    private static TenantId loadedTenant(Options options, EmbeddedPostgres postgres, ConfigurableApplicationContext app)
            throws Exception {
        DataSource owner = postgres.getPostgresDatabase();
        String existing = query(owner, "SELECT coalesce((SELECT id::text FROM tenants WHERE name = '" + NAME + "'), '')");
        if (!existing.isEmpty()) {
            out("load: reusing tenant %s in %s", existing, options.dataDir());
            return new TenantId(UUID.fromString(existing));
        }
        TenantId tenant = app.getBean(TenantSeeder.class).seed(NAME).tenant();
        long t0 = System.nanoTime();
        MspWorld world = MspWorld.generate(new WorldSpec(options.seed(), options.size(), options.end()));
        WorldLoader.load(owner, tenant, world);
        out("load: COPY of the %s world (seed %d, %s – %s) in %.1f s", options.size(), options.seed(),
                world.spec().startDate(), options.end(), seconds(t0));
        return tenant;
    }

    private void analyze() throws Exception {
        long t0 = System.nanoTime();
        execute(owner, "VACUUM ANALYZE");
        out("VACUUM ANALYZE in %.1f s", seconds(t0));
        for (String table : TABLES) {
            out("  %-24s %,12d rows %8s", table, Long.parseLong(query(owner, "SELECT count(*) FROM " + table
                    + " WHERE tenant_id = '" + tenant.value() + "'")),
                    query(owner, "SELECT pg_size_pretty(pg_total_relation_size('" + table + "'))"));
        }
        out("indexes: %s", query(owner, "SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes "
                + "WHERE tablename IN ('cw_tickets', 'cw_time_entries', 'smileback_reviews', 'security_events') "
                + "AND indexname NOT LIKE '%pkey'"));
    }

    /** Stops the application and PostgreSQL; a temporary data directory is deleted. */
    @Override
    public void close() throws Exception {
        try {
            app.close();
            postgres.close();
        } finally {
            if (options.dataDir() == null) {
                deleteRecursively(base);
            }
        }
    }
}
