package com.mspanalytics.config;

import org.springframework.core.env.Environment;

/**
 * Production means an external database ({@code DATABASE_URL} is set): every secret must be
 * supplied and strong. Embedded means the zero-setup mode: embedded PostgreSQL, generated secrets,
 * simulators reachable on loopback.
 */
public enum RunMode {
    PRODUCTION,
    EMBEDDED;

    public static RunMode of(Environment environment) {
        String url = environment.getProperty("DATABASE_URL");
        return url == null || url.isBlank() ? EMBEDDED : PRODUCTION;
    }
}
