package com.mspanalytics.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiKeyPepper server-side key of the API-key HMAC ({@code API_KEY_PEPPER}); kept apart from the
 *     JWT and encryption keys so that rotating either never invalidates every API key
 * @param jwtSecretKey HS256 key ({@code JWT_SECRET_KEY}), at least 64 characters (checked at startup)
 * @param jwtIssuer expected and issued {@code iss}
 * @param jwtAudience expected and issued {@code aud}
 * @param tokenLifetime lifetime of tokens minted by {@code POST /auth/token}
 */
@ConfigurationProperties("msp.auth")
public record AuthProperties(
        String apiKeyPepper,
        String jwtSecretKey,
        @DefaultValue("msp-analytics") String jwtIssuer,
        @DefaultValue("msp-analytics-api") String jwtAudience,
        @DefaultValue("15m") Duration tokenLifetime) {
}
