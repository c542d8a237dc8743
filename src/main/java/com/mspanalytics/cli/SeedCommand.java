package com.mspanalytics.cli;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.admin.TenantSeeder;
import java.io.PrintStream;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code seed [--tenant NAME]}: creates the tenant if it does not exist and prints a new
 * all-permission API key alone on the last line, so that scripts can take it with {@code tail -1}.
 */
final class SeedCommand implements Command {

    static final String DEFAULT_TENANT = "Demo MSP";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        String tenant = Options.parse(args, Set.of("tenant")).get("tenant", DEFAULT_TENANT);
        try (ConfigurableApplicationContext context = quietContext()) {
            TenantSeeder.SeededTenant seeded = context.getBean(TenantSeeder.class).seed(tenant);
            err.println("Tenant \"" + seeded.name() + "\" (" + seeded.tenant() + "): new API key with every permission:");
            out.println(seeded.apiKey());
            return 0;
        }
    }

    /** The application without its web server, logging only warnings, for commands that finish. */
    static ConfigurableApplicationContext quietContext() {
        return new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // A one-off command must not run the scheduled jobs of a serving node.
                .properties("logging.level.root=WARN", "logging.level.com.mspanalytics=WARN",
                        "msp.sync.schedule-enabled=false", "msp.digest.schedule-enabled=false")
                .run();
    }
}
