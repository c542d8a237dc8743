package com.mspanalytics.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Limits requests per client address before authentication, with or without a credential, so that
 * guessing API keys or tokens is throttled too (docs/api.md). {@code /health} is exempt for probes.
 *
 * <p>The address is {@link HttpServletRequest#getRemoteAddr()}: X-Forwarded-For is trusted only when
 * the deployment says so with {@code server.forward-headers-strategy=native}, which makes Tomcat take
 * the client address from it for requests coming through an internal proxy.
 *
 * <p>Only a refused request gets the RateLimit-* headers: an allowed one gets the headers of its
 * tenant's limit, which is the one a client can plan with.
 */
class ClientIpRateLimitFilter extends OncePerRequestFilter {

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
        RateLimiter.Decision decision = limiter.tryAcquire("ip:" + request.getRemoteAddr(), limit);
        if (!decision.allowed()) {
            responses.reject(request, response, decision, "requests from this address");
            return;
        }
        chain.doFilter(request, response);
    }
}
