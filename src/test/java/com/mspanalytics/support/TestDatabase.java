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
     * Production-mode settings pointing at {@code server}: every secret strong, and no scheduler, so
     * that no test's application syncs another test's tenants behind its back.
     */
    public static Map<String, String> productionEnvironment(EmbeddedPostgres server) {
        return Map.of(
                "msp.sync.schedule-enabled", "false",
                "PORT", "0",
                "API_KEY_PEPPER", TestSecrets.API_KEY_PEPPER,
                "DATABASE_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres",
                "DB_USER", "postgres",
                "DB_PASSWORD", "postgres",
                "DB_APP_PASSWORD", APP_PASSWORD,
                "JWT_SECRET_KEY", TestSecrets.JWT_SECRET_KEY,
                "SECRETS_MASTER_KEY", TestSecrets.SECRETS_MASTER_KEY,
                "SECRETS_SALT", TestSecrets.SECRETS_SALT);
    }
}
