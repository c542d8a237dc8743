package com.mspanalytics.auth;

import com.mspanalytics.ratelimit.ClientIpRateLimitFilter;
import com.mspanalytics.tenant.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the authenticated tenant for the rest of the request, so that every transaction the
 * request opens is scoped to it. The tenant comes from the credential only (an API key, a token or a signed-in
 * user's session); nothing in the request body or query can change it.
 */
final class TenantBindingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TenantCaller caller) {
            request.setAttribute(ClientIpRateLimitFilter.AUTHENTICATED, Boolean.TRUE);
            try (TenantContext.Scope ignored = TenantContext.bind(caller.tenant())) {
                chain.doFilter(request, response);
            }
        } else {
            chain.doFilter(request, response);
        }
    }
}
