package com.mspanalytics.database;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. {@code url} empty means the embedded PostgreSQL under {@code dataDir}.
 *
 * @param url JDBC ({@code jdbc:postgresql://…}) or libpq-style ({@code postgres://host:port/db}) URL
 * @param user owner role: runs the migrations and owns every table
 * @param appUser role the service queries as; not the owner, so row-level security applies to it
 * @param connectionTimeout how long a request waits for a connection before failing (and /health says DOWN)
 */
@ConfigurationProperties("msp.database")
public record DatabaseProperties(
        String url,
        @DefaultValue("postgres") String user,
        String password,
        @DefaultValue("msp_app") String appUser,
        String appPassword,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("10") int poolSize,
        @DefaultValue("5s") Duration connectionTimeout) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    /** Accepts both JDBC URLs and the {@code postgres://} form most hosting providers hand out. */
    String jdbcUrl() {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        return url.replaceFirst("^postgres(ql)?://([^@/]*@)?", "jdbc:postgresql://");
    }
}
