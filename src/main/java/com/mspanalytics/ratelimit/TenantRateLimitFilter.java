package com.mspanalytics.ratelimit;

import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The per-tenant limits of docs/api.md: requests to a path group ({@code /sync}, {@code /compute},
 * {@code /llm}) count against the tenant's limit for that group, and every such response carries
 * the RateLimit-* headers; past the limit the answer is 429 with {@code Retry-After}.
 *
 * <p>It must run after authentication has bound {@link TenantContext}, i.e. inside the security
 * filter chain; requests without a tenant pass untouched (authentication answers them). It is not
 * registered with the servlet container (see {@code RateLimitConfiguration}).
 */
public class TenantRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final RateLimitResponses responses;

    TenantRateLimitFilter(RateLimiter limiter, RateLimitProperties properties, RateLimitResponses responses) {
        this.limiter = limiter;
        this.properties = properties;
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<TenantId> tenant = TenantContext.current();
        // The decoded, normalised path, as Spring MVC matches it: /%73ync/… is /sync/….
        Optional<String> group = properties.groupOf(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
        if (tenant.isEmpty() || group.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long limit = properties.limitFor(tenant.get(), group.get());
        RateLimiter.Decision decision = limiter.tryAcquire("tenant:" + tenant.get() + ":" + group.get(), limit);
        if (!decision.allowed()) {
            responses.reject(request, response, decision, "'" + group.get() + "' requests");
            return;
        }
        RateLimitResponses.addHeaders(response, decision);
        chain.doFilter(request, response);
    }
}
