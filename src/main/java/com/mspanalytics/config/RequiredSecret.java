package com.mspanalytics.config;

import java.util.List;
import java.util.Locale;

/**
 * A secret checked at startup, named by its environment variable: those in {@link #ALL} always, single sign-on's
 * client secret when single sign-on is set up.
 */
public record RequiredSecret(String variable, int minLength) {

    /** Every secret the service refuses to run without; the lengths are the seed's minimums. */
    static final List<RequiredSecret> ALL = List.of(
            new RequiredSecret("JWT_SECRET_KEY", 64),
            new RequiredSecret("SECRETS_MASTER_KEY", 32),
            new RequiredSecret("SECRETS_SALT", 16),
            new RequiredSecret("API_KEY_PEPPER", 32),
            new RequiredSecret("DB_APP_PASSWORD", 16));

    /** Values copied from .env.example or docs must never reach production. */
    private static final List<String> PLACEHOLDERS = List.of("change", "example", "replace", "secret", "password");

    /** @return why the value is unacceptable, or null when it is fine. Never includes the value. */
    public String problemWith(String value) {
        if (value == null || value.isBlank()) {
            return variable + " is not set; it must be at least " + minLength + " characters";
        }
        if (value.length() < minLength) {
            return variable + " is too short (" + value.length() + " characters); it must be at least " + minLength;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.stream().anyMatch(lower::startsWith) || value.chars().distinct().count() < 8) {
            return variable + " looks like a placeholder, not a random value";
        }
        return null;
    }
}
