package com.mspanalytics.auth;

/** Our claims, besides the registered ones (sub, iss, aud, iat, exp). */
final class JwtClaims {

    static final String TENANT_ID = "tenant_id";
    static final String PERMISSIONS = "permissions";
    /** Set on tokens minted from an API key, so revoking the key revokes its tokens too. */
    static final String API_KEY_ID = "api_key_id";

    private JwtClaims() {
    }
}
