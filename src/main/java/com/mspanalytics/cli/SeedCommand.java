package com.mspanalytics.cli;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.auth.users.Role;
import com.mspanalytics.auth.users.Users;
import com.mspanalytics.tenant.TenantContext;
import java.io.PrintStream;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code seed [--tenant NAME] [--admin-email EMAIL]}: creates the tenant if it does not exist and prints a new
 * all-permission API key alone on the last line, so that scripts can take it with {@code tail -1}. With
 * {@code --admin-email}, that dashboard user is created (or given a new password) as the tenant's admin, and its
 * generated password is printed once, on its own line before the key: {@code password: <password>}.
 */
final class SeedCommand implements Command {

    static final String DEFAULT_TENANT = "Demo MSP";

    @Override
    public int run(Launch launch, String[] args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("tenant", "admin-email"));
        String tenant = options.get("tenant", DEFAULT_TENANT);
        String adminEmail = options.get("admin-email", null);
        try (ConfigurableApplicationContext context = launch.quietContext()) {
            TenantSeeder.SeededTenant seeded = context.getBean(TenantSeeder.class).seed(tenant);
            if (adminEmail != null) {
                Users.NewUser admin = TenantContext.callAs(seeded.tenant(),
                        () -> context.getBean(Users.class).createWithPassword(adminEmail, null, Role.ADMIN));
                err.println("Dashboard admin " + admin.user().email() + " of \"" + seeded.name()
                        + "\"; sign in with this password (shown once):");
                out.println("password: " + admin.password());
            }
            err.println("Tenant \"" + seeded.name() + "\" (" + seeded.tenant() + "): new API key with every permission:");
            out.println(seeded.apiKey());
            return 0;
        }
    }
}
