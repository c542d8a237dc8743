package com.mspanalytics.cli;

import com.mspanalytics.admin.TenantSeeder;
import java.io.PrintStream;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code seed [--tenant NAME]}: creates the tenant if it does not exist and prints a new
 * all-permission API key alone on the last line, so that scripts can take it with {@code tail -1}.
 */
final class SeedCommand implements Command {

    static final String DEFAULT_TENANT = "Demo MSP";

    @Override
    public int run(Launch launch, String[] args, PrintStream out, PrintStream err) {
        String tenant = Options.parse(args, Set.of("tenant")).get("tenant", DEFAULT_TENANT);
        try (ConfigurableApplicationContext context = launch.quietContext()) {
            TenantSeeder.SeededTenant seeded = context.getBean(TenantSeeder.class).seed(tenant);
            err.println("Tenant \"" + seeded.name() + "\" (" + seeded.tenant() + "): new API key with every permission:");
            out.println(seeded.apiKey());
            return 0;
        }
    }
}
