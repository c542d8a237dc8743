package com.mspanalytics.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem JSON from servlet filters, which run before Spring MVC and so never reach the
 * {@code @RestControllerAdvice} (spring-boot#48392).
 */
@Component
public class ProblemResponses {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        complete(problem, request.getRequestURI());
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Fills the members docs/api.md promises on every problem: {@code type} (about:blank when the status
     * says it all) and {@code instance} (the request path).
     */
    static ProblemDetail complete(ProblemDetail problem, String path) {
        if (problem.getType() == null) {
            problem.setType(ABOUT_BLANK);
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path));
        }
        return problem;
    }
}
