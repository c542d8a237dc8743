package com.mspanalytics.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.sql.DataSource;

/** One real PostgreSQL server per test JVM, shared by every Spring context (no mocks, no Docker). */
public final class TestDatabase {

    public static final String APP_PASSWORD = "app-role-password-for-tests-only-7f3k";

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            postgres = start();
        }
        return postgres;
    }

    public static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The owner's connection (superuser): for fixtures and catalog checks, never for app code. */
    public static DataSource ownerDataSource() {
        return server().getPostgresDatabase();
    }

    /**
     * Production-mode settings pointing at {@code server}: every secret strong, and no scheduler nor
     * recomputation after sync, so that no test's application acts on another test's tenants behind its back.
     */
    public static Map<String, String> productionEnvironment(EmbeddedPostgres server) {
        return Map.ofEntries(
                Map.entry("msp.sync.schedule-enabled", "false"),
                Map.entry("msp.digest.schedule-enabled", "false"),
                Map.entry("msp.kpi.recompute-after-sync", "false"),
                Map.entry("PORT", "0"),
                Map.entry("API_KEY_PEPPER", TestSecrets.API_KEY_PEPPER),
                Map.entry("DATABASE_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres"),
                Map.entry("DB_USER", "postgres"),
                Map.entry("DB_PASSWORD", "postgres"),
                Map.entry("DB_APP_PASSWORD", APP_PASSWORD),
                Map.entry("JWT_SECRET_KEY", TestSecrets.JWT_SECRET_KEY),
                Map.entry("SECRETS_MASTER_KEY", TestSecrets.SECRETS_MASTER_KEY),
                Map.entry("SECRETS_SALT", TestSecrets.SECRETS_SALT));
    }
}
