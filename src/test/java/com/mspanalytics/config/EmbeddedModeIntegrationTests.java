package com.mspanalytics.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The zero-setup path a newcomer takes: no DATABASE_URL, no secrets, and data that survives a restart. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedModeIntegrationTests {

    static final String WEBHOOK = "https://hooks.slack.com/services/T0/B0/survivor-webhook-secret";

    @TempDir
    Path dataDir;

    @Test
    void startsOnEmbeddedPostgresGeneratesSecretsOnceAndKeepsDataAcrossRestarts(CapturedOutput output)
            throws IOException {
        UUID tenant = UUID.randomUUID();
        try (ConfigurableApplicationContext app = start()) {
            var health = Json.parse(new Http(port(app)).get("/health").body());
            assertThat(health.path("checks").path("database").asString()).isEqualTo("UP");
            JdbcClient.create(app.getBean("ownerDataSource", javax.sql.DataSource.class))
                    .sql("INSERT INTO tenants (id, name) VALUES (?, 'Survivor MSP')").params(tenant).update();
            app.getBean(CredentialVault.class).save(new TenantId(tenant), "slack", Map.of("webhookUrl", WEBHOOK));
            assertThat(app.getBean(OutboundUrlPolicy.class).check(URI.create("http://127.0.0.1:8089/")))
                    .as("simulators on loopback are reachable in embedded mode").isNotEmpty();
        }
        Path secrets = dataDir.resolve("secrets.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        Properties generated = load(secrets);
        assertThat(generated.stringPropertyNames())
                .contains("JWT_SECRET_KEY", "SECRETS_MASTER_KEY", "SECRETS_SALT", "DB_APP_PASSWORD", "API_KEY_PEPPER");
        assertThat(output.getOut()).contains("generated missing secrets");

        try (ConfigurableApplicationContext app = start()) {
            String name = JdbcClient.create(app.getBean("ownerDataSource", javax.sql.DataSource.class))
                    .sql("SELECT name FROM tenants WHERE id = ?").params(tenant).query(String.class).single();
            assertThat(name).isEqualTo("Survivor MSP");
            assertThat(app.getBean(CredentialVault.class).find(new TenantId(tenant), "slack"))
                    .as("credentials encrypted with the generated key decrypt after a restart")
                    .contains(Map.of("webhookUrl", WEBHOOK));
        }
        assertThat(load(secrets)).isEqualTo(generated);
        for (String value : generated.stringPropertyNames().stream().map(generated::getProperty).toList()) {
            assertThat(output.getAll()).as("no secret in the log").doesNotContain(value);
        }
        assertThat(output.getAll()).doesNotContain(WEBHOOK);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .properties(Map.of("DATA_DIR", dataDir.toString(), "PORT", "0"))
                .run();
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
