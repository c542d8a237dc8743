package com.mspanalytics.auth.oidc;

import com.mspanalytics.auth.users.SignedInUser;
import com.mspanalytics.auth.users.Users;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Finds the tenant user the provider signed in, by the ID token's e-mail address when the token says the address is
 * verified, with the same cross-tenant lookup as password sign-in. Never creates a user: an address no tenant has,
 * or that several tenants have, is refused alike. The ID token was validated before this runs (signature, issuer,
 * audience, expiry, nonce); its claims are all that is read, the provider's userinfo endpoint is not called.
 */
final class VerifiedEmailAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String UNVERIFIED_EMAIL = "msp_unverified_email";
    static final String NO_ACCOUNT = "msp_no_account";

    private final Users users;

    VerifiedEmailAccounts(Users users) {
        this.users = users;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcIdToken token = request.getIdToken();
        String email = token.getEmail();
        if (email == null || email.isBlank() || !verified(token)) {
            throw refused(UNVERIFIED_EMAIL);
        }
        return users.findOnlyAccount(email).map(user -> new MatchedUser(user, token))
                .orElseThrow(() -> refused(NO_ACCOUNT));
    }

    /**
     * {@code email_verified} (OpenID Connect Core §5.1), or Entra ID's optional claim {@code xms_edov}: Entra leaves
     * {@code email_verified} out, and its {@code email} is whatever an admin of the signing-in directory typed, unless
     * the address's domain is verified as that directory's own.
     */
    static boolean verified(OidcIdToken token) {
        return isTrue(token.getClaims().get("email_verified")) || isTrue(token.getClaims().get("xms_edov"));
    }

    /** Some providers send the flag as the string "true". */
    private static boolean isTrue(@Nullable Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }

    private static OAuth2AuthenticationException refused(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code), code);
    }

    /** The provider's person as the tenant user found for them; becomes that user's ordinary session on success. */
    static final class MatchedUser extends DefaultOidcUser {

        private final SignedInUser user;

        MatchedUser(SignedInUser user, OidcIdToken token) {
            super(List.of(), token);
            this.user = user;
        }

        SignedInUser user() {
            return user;
        }
    }
}
