package com.mspanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.support.Http;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The seed command against the embedded database, while the server runs on it. */
class SeedCommandIntegrationTests {

    @TempDir
    Path dataDir;

    @AfterEach
    void clearDataDir() {
        System.clearProperty("DATA_DIR");
    }

    @Test
    void seedsIntoTheRunningEmbeddedServerAndPrintsAWorkingKeyAloneOnTheLastLine() {
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .properties(Map.of("DATA_DIR", dataDir.toString(), "PORT", "0")).run()) {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            System.setProperty("DATA_DIR", dataDir.toString());

            CommandRun first = CommandRun.of("seed", "--tenant", "Acme IT");
            CommandRun second = CommandRun.of("seed", "--tenant", "Acme IT");

            assertThat(first.exit()).isZero();
            String key = first.lastLine();
            assertThat(key).startsWith("msp_ak_").hasSize(56);
            assertThat(second.lastLine()).isNotEqualTo(key);
            assertThat(first.err()).contains("Acme IT");
            assertThat(tenantIdIn(first.err())).isEqualTo(tenantIdIn(second.err()));
            assertThat(new Http(port, key).get("/api-keys").statusCode()).isEqualTo(200);
            assertThat(new Http(port, second.lastLine()).get("/api-keys").body()).contains("seed");
        }
    }

    @Test
    void anAdminEmailGetsADashboardAdminWhosePasswordIsPrintedOnceOnItsOwnLine() {
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .properties(Map.of("DATA_DIR", dataDir.toString(), "PORT", "0")).run()) {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            System.setProperty("DATA_DIR", dataDir.toString());

            CommandRun seeded = CommandRun.of("seed", "--tenant", "Globex IT", "--admin-email", "Owner@Globex.example");
            CommandRun badEmail = CommandRun.of("seed", "--tenant", "Globex IT", "--admin-email", "not-an-address");

            assertThat(seeded.exit()).isZero();
            List<String> lines = seeded.out().strip().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).matches("password: [A-Za-z0-9]{20}");
            assertThat(seeded.lastLine()).startsWith("msp_ak_");
            assertThat(seeded.err()).contains("owner@globex.example").doesNotContain(lines.get(0).substring(10));
            com.mspanalytics.support.PageSession browser = new com.mspanalytics.support.PageSession(port);
            assertThat(browser.signIn("owner@globex.example", lines.get(0).substring("password: ".length()))
                    .headers().firstValue("Location").orElseThrow()).doesNotContain("error");
            assertThat(browser.get("/").body()).contains("Globex IT");
            assertThat(badEmail.exit()).isEqualTo(2);
            assertThat(badEmail.err()).contains("'not-an-address' is not an e-mail address");
        }
    }

    @Test
    void badOptionsAndUnknownCommandsExitWithTwoAndOneClearLine() {
        CommandRun unknown = CommandRun.of("frobnicate");
        CommandRun badOption = CommandRun.of("seed", "--tenants", "x");
        CommandRun missingValue = CommandRun.of("seed", "--tenant");

        assertThat(List.of(unknown.exit(), badOption.exit(), missingValue.exit())).containsOnly(2);
        assertThat(unknown.err()).contains("Unknown command 'frobnicate'").contains("seed");
        assertThat(badOption.err().strip()).isEqualTo("seed: unknown option '--tenants'; allowed: --admin-email, --tenant");
        assertThat(missingValue.err()).contains("needs a value");
    }

    private static String tenantIdIn(String text) {
        return text.replaceAll("(?s).*\\(([0-9a-f-]{36})\\).*", "$1");
    }
}
