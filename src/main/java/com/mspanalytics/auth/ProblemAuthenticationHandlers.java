package com.mspanalytics.auth;

import com.mspanalytics.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 as problem JSON. The 401 never says which part of a credential was wrong, so that
 * it tells a guesser nothing.
 */
@Component
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final URI UNAUTHENTICATED = URI.create("urn:msp-analytics:problem:unauthenticated");
    static final URI FORBIDDEN = URI.create("urn:msp-analytics:problem:forbidden");

    private final ProblemResponses problems;

    ProblemAuthenticationHandlers(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "A valid credential is required: X-API-Key: msp_ak_… or Authorization: Bearer <token>.");
        problem.setType(UNAUTHENTICATED);
        problem.setTitle("Unauthorized");
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"msp-analytics\", ApiKey header=\"X-API-Key\"");
        problems.write(request, response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The credential lacks the permission this endpoint requires (" + requiredPermission(request) + ").");
        problem.setType(FORBIDDEN);
        problem.setTitle("Forbidden");
        problem.setProperty("requiredPermission", requiredPermission(request));
        problems.write(request, response, problem);
    }

    private static String requiredPermission(HttpServletRequest request) {
        return EndpointPermissions.requiredFor(request).wireName();
    }
}
