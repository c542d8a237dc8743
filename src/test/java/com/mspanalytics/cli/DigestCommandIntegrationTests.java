package com.mspanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.MspAnalyticsApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code digest --dry-run} writes the HTML digest to a file; without SMTP settings a real send says what to set. */
class DigestCommandIntegrationTests {

    @TempDir
    Path dataDir;

    @AfterEach
    void clearDataDir() {
        System.clearProperty("DATA_DIR");
    }

    @Test
    void dryRunWritesTheDigestAndNothingIsSentWithoutSmtp() throws Exception {
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .properties(Map.of("DATA_DIR", dataDir.toString(), "PORT", "0")).run()) {
            System.setProperty("DATA_DIR", dataDir.toString());
            assertThat(CommandRun.of("seed", "--tenant", "Digest MSP").exit()).isZero();
            Path file = dataDir.resolve("digest.html");

            CommandRun dryRun = CommandRun.of("digest", "--tenant", "Digest MSP", "--dry-run", "--out", file.toString());
            CommandRun send = CommandRun.of("digest", "--tenant", "Digest MSP");
            CommandRun unknown = CommandRun.of("digest", "--tenant", "No Such MSP", "--dry-run");

            assertThat(dryRun.exit()).as(dryRun.err()).isZero();
            assertThat(dryRun.out().strip()).isEqualTo(file.toAbsolutePath().toString());
            String html = Files.readString(file);
            assertThat(html).startsWith("<!DOCTYPE html>").contains("Digest MSP").contains("Your week")
                    .contains("Summary written from the figures below.");
            assertThat(send.exit()).isEqualTo(1);
            assertThat(send.err()).contains("PUT /settings/connectors/smtp");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).contains("no tenant named \"No Such MSP\"");
        }
    }
}
