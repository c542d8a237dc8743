package com.mspanalytics.auth;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A verified credential in Spring Security's terms: permissions become authorities ("sync", "admin", …). */
final class TenantAuthentication extends AbstractAuthenticationToken {

    private final AuthenticatedTenant caller;

    TenantAuthentication(AuthenticatedTenant caller) {
        super(caller.permissions().stream().map(p -> new SimpleGrantedAuthority(p.wireName())).toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public AuthenticatedTenant getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
