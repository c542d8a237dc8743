package com.mspanalytics.cli;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.alerts.Notification;
import com.mspanalytics.alerts.digest.Digests;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code digest --tenant NAME [--dry-run] [--out FILE]}: the tenant's weekly digest of the last complete week,
 * mailed now through its SMTP settings, or with {@code --dry-run} written as one HTML file (charts embedded) to
 * look at in a browser; nothing is sent then.
 */
final class DigestCommand implements Command {

    @Override
    public int run(Launch launch, String[] args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("tenant", "out"), Set.of("dry-run"));
        String name = options.get("tenant", SeedCommand.DEFAULT_TENANT);
        try (ConfigurableApplicationContext context = launch.quietContext()) {
            TenantId tenant = context.getBean(TenantSeeder.class).existing(name).orElse(null);
            if (tenant == null) {
                err.println("digest: no tenant named \"" + name + "\" (create it with the seed command)");
                return 2;
            }
            Digests digests = context.getBean(Digests.class);
            if (options.has("dry-run")) {
                Path file = Path.of(options.get("out", "digest.html"));
                String html = TenantContext.callAs(tenant, () -> digests.preview().html());
                Files.writeString(file, html, StandardCharsets.UTF_8);
                out.println(file.toAbsolutePath());
                return 0;
            }
            Notification sent = TenantContext.callAs(tenant, digests::sendNow);
            out.println(sent.status() + (sent.error() == null ? ", " + sent.items() + " recipients" : ": " + sent.error()));
            return "sent".equals(sent.status()) ? 0 : 1;
        } catch (IOException e) {
            err.println("digest: cannot write the file: " + e.getMessage());
            return 1;
        } catch (Digests.SmtpNotConfigured e) {
            err.println("digest: " + e.getMessage());
            return 1;
        }
    }
}
