package com.mspanalytics.auth;

import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Bearer tokens per docs/api.md and RFC 8725: HS256 only (so {@code alg: none}, HS512 and RS256 headers
 * are refused by Nimbus before the signature is even checked), {@code exp} required, {@code iss} and
 * {@code aud} matched, and the tenant and permissions taken from the token's own claims.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key(properties)).macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ofSeconds(30)),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtIssuerValidator(properties.jwtIssuer()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(properties.jwtAudience())),
                new JwtClaimValidator<Object>(JwtClaims.TENANT_ID, JwtConfiguration::isUuid)));
        return decoder;
    }

    @Bean
    JwtEncoder jwtEncoder(AuthProperties properties) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key(properties)));
    }

    @Bean
    JwtTenantConverter jwtTenantConverter(ApiKeyService apiKeys) {
        return new JwtTenantConverter(apiKeys);
    }

    private static SecretKey key(AuthProperties properties) {
        return new SecretKeySpec(properties.jwtSecretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static boolean isUuid(Object value) {
        try {
            return value instanceof String s && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A validated token becomes the caller; a token from a since-revoked API key is refused. */
    static final class JwtTenantConverter implements Converter<Jwt, AbstractAuthenticationToken> {

        private final ApiKeyService apiKeys;

        JwtTenantConverter(ApiKeyService apiKeys) {
            this.apiKeys = apiKeys;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            TenantId tenant = TenantId.of(jwt.getClaimAsString(JwtClaims.TENANT_ID));
            UUID keyId = keyId(jwt);
            if (keyId != null && !TenantContext.callAs(tenant, () -> apiKeys.isActive(keyId))) {
                throw new InvalidBearerTokenException("The API key this token was issued for is revoked");
            }
            String subject = jwt.getSubject() == null ? "token" : jwt.getSubject();
            return new TenantAuthentication(new AuthenticatedTenant(tenant, subject, permissions(jwt), keyId));
        }

        private static UUID keyId(Jwt jwt) {
            String value = jwt.getClaimAsString(JwtClaims.API_KEY_ID);
            try {
                return value == null ? null : UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidBearerTokenException("Malformed api_key_id claim");
            }
        }

        private static Set<Permission> permissions(Jwt jwt) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            Object claim = jwt.getClaims().get(JwtClaims.PERMISSIONS);
            if (!(claim instanceof Collection<?> values)) {
                throw new InvalidBearerTokenException("The permissions claim must be an array");
            }
            try {
                values.forEach(v -> permissions.add(Permission.fromWire(String.valueOf(v))));
            } catch (IllegalArgumentException e) {
                throw new InvalidBearerTokenException("Unknown permission in token");
            }
            return permissions;
        }
    }
}
