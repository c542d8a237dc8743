package com.mspanalytics.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Limits per client address the requests that prove no credential: anonymous ones and those whose API key, token or
 * session failed (docs/api.md), so that guessing keys or tokens is throttled. Requests that authenticate are not
 * counted: a team, a BI tool or a service desk behind one NAT address is governed by its tenant's limits instead
 * ({@link TenantRateLimitFilter}). An address that has used up its limit is refused before its credential is even
 * checked, until the window ends. {@code /health} is exempt for probes.
 *
 * <p>The address is {@link HttpServletRequest#getRemoteAddr()}: X-Forwarded-For is trusted only when
 * the deployment says so with {@code server.forward-headers-strategy=native}, which makes Tomcat take
 * the client address from it for requests coming through an internal proxy.
 *
 * <p>Only a refused request gets the RateLimit-* headers: an allowed one gets the headers of its
 * tenant's limit, which is the one a client can plan with.
 */
public class ClientIpRateLimitFilter extends OncePerRequestFilter {

    /** Set (to {@code true}) on a request once a credential has named its tenant; such requests are not counted. */
    public static final String AUTHENTICATED = ClientIpRateLimitFilter.class.getName() + ".authenticated";

    private final RateLimiter limiter;
    private final long limit;
    private final RateLimitResponses responses;

    ClientIpRateLimitFilter(RateLimiter limiter, long limit, RateLimitResponses responses) {
        this.limiter = limiter;
        this.limit = limit;
        this.responses = responses;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return UrlPathHelper.defaultInstance.getPathWithinApplication(request).equals("/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = "ip:" + request.getRemoteAddr();
        if (limiter.exhausted(key, limit)) {
            responses.reject(request, response, limiter.tryAcquire(key, limit), "requests from this address");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (!Boolean.TRUE.equals(request.getAttribute(AUTHENTICATED))) {
                limiter.tryAcquire(key, limit);
            }
        }
    }
}
