package com.mspanalytics.cli;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.alerts.digest.Digests;
import com.mspanalytics.alerts.slack.AnomalyAlerts;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.kpi.KpiCatalog;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.kpi.KpiService;
import com.mspanalytics.llm.LlmSummaries;
import com.mspanalytics.llm.LlmUnavailable;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.settings.TenantSettingsService;
import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.world.WorldSize;
import com.mspanalytics.sync.SyncRun;
import com.mspanalytics.sync.SyncService;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code demo [--seed S] [--size tiny|small]}: everything a newcomer needs to see the product work
 * with no credentials. The simulated MSP world is served on loopback, the "Demo MSP" tenant is
 * pointed at it, everything is synced, every KPI computed, and the server keeps running with the key printed.
 */
final class DemoCommand implements Command {

    static final String TENANT = "Demo MSP";
    static final String ADMIN_EMAIL = "admin@demo-msp.example";
    /** Weeks of history computed before today's results (sparkline points beside today's). */
    static final int HISTORY_WEEKS = 5;

    @Override
    public int run(Launch launch, String[] args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("seed", "size"));
        WorldSize size;
        long seed;
        try {
            size = WorldSize.parse(options.get("size", "small"));
            seed = Long.parseLong(options.get("seed", "42"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--size must be tiny, small or large and --seed a whole number");
        }
        Path log = Path.of(dataDir(), "logs", "msp-analytics.log").toAbsolutePath().normalize();
        err.println("MSP Analytics demo: the console shows the demo and any warning; full logs go to " + log);
        Simulators simulators = Simulators.start(SimulatorOptions.of(seed, size, LocalDate.now(ZoneOffset.UTC)));
        ConfigurableApplicationContext app = launch.builder()
                .properties(Map.of(
                        // The simulators listen on loopback, which only embedded mode allows by default.
                        "CONNECTORS_ALLOW_PRIVATE_ADDRESSES", "true",
                        "logging.file.name", log.toString(),
                        "logging.threshold.console", "WARN",
                        // routine in a demo: the API documentation is meant to be on
                        "logging.level.org.springdoc.core.events", "ERROR"))
                .listeners(event -> {
                    if (event instanceof ContextClosedEvent) {
                        simulators.close();
                    }
                })
                .run();
        TenantSeeder.SeededTenant tenant = app.getBean(TenantSeeder.class).seed(TENANT);
        CredentialVault vault = app.getBean(CredentialVault.class);
        simulators.connectorSettings().forEach((connector, settings) -> vault.save(tenant.tenant(), connector, settings));
        SyncService sync = app.getBean(SyncService.class);
        err.println("Syncing the simulated MSP world (" + size.name().toLowerCase() + ", seed " + seed + ")…");
        SyncRun run = TenantContext.callAs(tenant.tenant(), () -> {
            SyncRun started = sync.start(SyncService.ALL, "demo");
            return sync.await(started.runId(), Duration.ofMinutes(10));
        });
        KpiService kpis = app.getBean(KpiService.class);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // the weeks before today too, so that the overview's sparklines and week-on-week changes have a history
        for (int weeksAgo = HISTORY_WEEKS; weeksAgo >= 1; weeksAgo--) {
            LocalDate asOf = today.minusWeeks(weeksAgo);
            TenantContext.runAs(tenant.tenant(), () -> kpis.computeAll(asOf));
        }
        List<KpiResult> results = TenantContext.callAs(tenant.tenant(), () -> kpis.computeAll(null));
        Users.NewUser admin = TenantContext.callAs(tenant.tenant(),
                () -> app.getBean(Users.class).createWithPassword(ADMIN_EMAIL, "Demo Admin", Role.ADMIN));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        String currency = TenantContext.callAs(tenant.tenant(), () -> app.getBean(TenantSettingsService.class).current())
                .currency();
        out.println();
        out.println("MSP Analytics demo is running on http://localhost:" + port);
        out.println("  sync: " + run.status() + ", " + run.fetched() + " records fetched, " + run.inserted()
                + " stored" + (run.error() == null ? "" : " (" + run.error() + ")"));
        for (KpiCatalog.Entry kpi : KpiCatalog.ALL) {
            results.stream().filter(r -> r.kpi().equals(kpi.slug())).findFirst().ifPresent(result -> out.println(
                    "  " + kpi.numberText() + " " + kpi.title() + ": " + headline(result.headline(), currency) + " ("
                            + result.rows().size() + " rows)"));
        }
        printAiBrief(app, tenant.tenant(), results, out);
        printAlertsAndDigest(app, tenant.tenant(), simulators, out);
        out.println("  API docs:  http://localhost:" + port + "/docs");
        out.println("  results:   curl -H 'X-API-Key: …' http://localhost:" + port + "/kpi/ticket-trends/latest");
        out.println("  try:       curl -H 'X-API-Key: " + tenant.apiKey() + "' http://localhost:" + port + "/sync/runs");
        out.println("  sign in:   http://localhost:" + port + "/");
        out.println("    e-mail:   " + admin.user().email());
        out.println("    password: " + admin.password());
        out.println("  tenant \"" + TENANT + "\" API key (all permissions):");
        out.println(tenant.apiKey());
        return -1;
    }

    /** KPI 01's brief written by "Claude" (the Anthropic simulator, whose settings the demo tenant holds). */
    private static void printAiBrief(ConfigurableApplicationContext app, TenantId tenant, List<KpiResult> results,
            PrintStream out) {
        KpiResult sales = results.stream().filter(r -> r.kpi().equals("sales-opportunities")).findFirst().orElseThrow();
        try {
            TenantContext.callAs(tenant, () -> app.getBean(LlmSummaries.class).summarize(sales)).ifPresent(brief ->
                    out.println("  AI brief of sales-opportunities (" + brief.model() + ", simulated): " + brief.summary()));
        } catch (LlmUnavailable e) {
            out.println("  AI brief: unavailable, " + e.getBody().getDetail());
        }
    }

    /** What the Slack simulator received from the KPI runs, and the weekly digest written to a file. */
    private static void printAlertsAndDigest(ConfigurableApplicationContext app, TenantId tenant, Simulators simulators,
            PrintStream out) {
        try {
            app.getBean(AnomalyAlerts.class).awaitIdle(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> messages = simulators.slack().messages();
        out.println("  slack: " + messages.size() + " anomaly alert" + (messages.size() == 1 ? "" : "s")
                + " received by the Slack simulator" + messages.stream().findFirst()
                .map(first -> ", first: \"" + app.getBean(JsonMapper.class).readTree(first).path("text").asString() + "\"")
                .orElse(""));
        Path file = Path.of(app.getEnvironment().getProperty("msp.database.data-dir", "./data"), "digest-demo.html")
                .toAbsolutePath().normalize();
        try {
            Files.writeString(file, TenantContext.callAs(tenant, () -> app.getBean(Digests.class).preview().html()));
            out.println("  digest: last week's manager digest written to " + file);
        } catch (IOException e) {
            out.println("  digest: could not be written to " + file + " (" + e.getMessage() + ")");
        }
    }

    /** "9 opportunities", "62.5 % billable share": the KPI's headline as its overview tile shows it. */
    private static String headline(Headline headline, String currency) {
        if (headline.value() == null) {
            return "nothing to judge (" + headline.label() + ")";
        }
        BigDecimal value = headline.value();
        String figure = switch (headline.unit()) {
            case SHARE -> value.movePointRight(2).setScale(1, RoundingMode.HALF_UP) + " %";
            case MONEY -> value.setScale(0, RoundingMode.HALF_UP) + " " + currency;
            case HOURS -> value.setScale(1, RoundingMode.HALF_UP) + " h";
            case COUNT -> value.toPlainString();
        };
        return figure + " " + headline.label();
    }

    private static String dataDir() {
        String dir = System.getProperty("DATA_DIR", System.getenv("DATA_DIR"));
        return dir == null || dir.isBlank() ? "./data" : dir;
    }
}
