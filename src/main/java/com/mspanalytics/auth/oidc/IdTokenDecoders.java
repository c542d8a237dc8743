package com.mspanalytics.auth.oidc;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;

/**
 * Spring Security's own checks of an ID token (RS256 signature by a key of the provider's key set; iss, sub, aud,
 * azp, exp and iat; the nonce is checked by the caller), but with the key set fetched through the outbound client
 * (timeouts, no redirects, the address policy) instead of a bare RestTemplate that could wait forever. One decoder,
 * kept, so that the key set is cached between sign-ins; a token signed with a key it does not know makes it fetch
 * the set again (the provider rotated its keys).
 */
final class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

    private final RestOperations http;
    private volatile @Nullable JwtDecoder decoder;

    IdTokenDecoders(RestOperations http) {
        this.http = http;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        JwtDecoder known = decoder;
        if (known == null) {
            NimbusJwtDecoder built = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).restOperations(http).build();
            built.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(registration)));
            built.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            known = built;
            decoder = built;
        }
        return known;
    }
}
