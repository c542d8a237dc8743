package com.mspanalytics.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UrlPathHelper;

/**
 * The permission each endpoint needs (docs/api.md, Endpoints), in one table that both authorization and
 * the 403 problem read, so the two cannot disagree.
 */
final class EndpointPermissions {

    private EndpointPermissions() {
    }

    /**
     * Reads the decoded path, as Spring MVC routes on it: with the raw URI, {@code /%73ettings} would
     * pass as a {@code read} path and still reach the settings controller.
     */
    static Permission requiredFor(HttpServletRequest request) {
        return requiredFor(HttpMethod.valueOf(request.getMethod()),
                UrlPathHelper.defaultInstance.getPathWithinApplication(request));
    }

    static Permission requiredFor(HttpMethod method, String path) {
        if (startsWith(path, "/settings") || startsWith(path, "/api-keys")
                || (startsWith(path, "/digest") && !HttpMethod.GET.equals(method))) {
            return Permission.ADMIN;
        }
        if (startsWith(path, "/sync") && !HttpMethod.GET.equals(method)) {
            return Permission.SYNC;
        }
        if (startsWith(path, "/compute") || (startsWith(path, "/anomalies") && !HttpMethod.GET.equals(method))) {
            return Permission.COMPUTE;
        }
        if (startsWith(path, "/llm")) {
            return Permission.LLM;
        }
        return Permission.READ;
    }

    private static boolean startsWith(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
