package com.mspanalytics.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "Authentication")
class TokenController {

    private final JwtEncoder encoder;
    private final AuthProperties properties;
    private final Clock clock;

    TokenController(JwtEncoder encoder, AuthProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/auth/token")
    @Operation(summary = "Exchange an API key (X-API-Key) for a short-lived Bearer token with the key's permissions")
    TokenResponse token(@AuthenticationPrincipal AuthenticatedTenant caller) {
        if (caller.apiKeyId() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an API key can be exchanged for a token.");
        }
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.jwtIssuer())
                .audience(List.of(properties.jwtAudience()))
                .subject(caller.subject())
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenLifetime()))
                .claim(JwtClaims.TENANT_ID, caller.tenant().toString())
                .claim(JwtClaims.PERMISSIONS, caller.permissions().stream().map(Permission::wireName).toList())
                .claim(JwtClaims.API_KEY_ID, caller.apiKeyId().toString())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new TokenResponse(token, "Bearer", properties.tokenLifetime().toSeconds());
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }
}
