package com.mspanalytics.ratelimit;

import com.mspanalytics.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The headers and the 429 problem of docs/api.md ("Rate limits"), shared by both filters. */
final class RateLimitResponses {

    static final URI RATE_LIMITED = URI.create("urn:msp-analytics:problem:rate-limited");

    private final ProblemResponses problems;

    RateLimitResponses(ProblemResponses problems) {
        this.problems = problems;
    }

    static void addHeaders(HttpServletResponse response, RateLimiter.Decision decision) {
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }

    /** 429 with {@code Retry-After}: the seconds until the window that refused the request ends. */
    void reject(HttpServletRequest request, HttpServletResponse response, RateLimiter.Decision decision,
            String what) throws IOException {
        addHeaders(response, decision);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.resetSeconds()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "More than %d %s in this window; retry in %d s.".formatted(decision.limit(), what,
                        decision.resetSeconds()));
        problem.setType(RATE_LIMITED);
        problem.setTitle("Too many requests");
        problems.write(request, response, problem);
    }
}
