package com.mspanalytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document the running app serves passes Redocly's recommended ruleset with no error and no warning
 * (the pinned CLI through npx; CI sets {@code OPENAPI_LINT=required}, elsewhere it is skipped without Node), and, in
 * Java, every operation has a summary, a 2xx response with a JSON (or explicit) media type, and problem responses.
 */
@IntegrationTest
class OpenApiLintIntegrationTests {

    static final String REDOCLY = "@redocly/cli@2.77.0";

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private JsonNode document() {
        return Json.parse(new Http(port).get("/v3/api-docs").body());
    }

    @Test
    void everyOperationHasASummaryASuccessResponseAndProblemResponses() {
        JsonNode api = document();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            if (path.getKey().equals("/error") || path.getKey().startsWith("/app") || path.getKey().startsWith("/invite")
                    || path.getKey().equals("/")) {
                problems.add(path.getKey() + " is not an API operation");
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.getValue().path("responses");
                if (operation.getValue().path("summary").asString("").isBlank()) {
                    problems.add(name + ": no summary");
                }
                boolean success = false;
                boolean problem = false;
                for (Map.Entry<String, JsonNode> response : responses.properties()) {
                    for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
                        if (media.getKey().equals("*/*")) {
                            problems.add(name + " " + response.getKey() + ": media type */*");
                        }
                    }
                    success |= response.getKey().startsWith("2");
                    problem |= response.getKey().startsWith("4")
                            && response.getValue().path("content").has("application/problem+json");
                }
                if (!success) {
                    problems.add(name + ": no 2xx response");
                }
                if (!problem) {
                    problems.add(name + ": no 4xx problem response");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void redoclysRecommendedRulesetFindsNothing() throws IOException, InterruptedException {
        String npx = System.getProperty("os.name").toLowerCase().contains("win") ? "npx.cmd" : "npx";
        boolean available = System.getenv("PATH") != null && java.util.Arrays.stream(
                System.getenv("PATH").split(File.pathSeparator)).anyMatch(p -> new File(p, npx).canExecute());
        if (!available) {
            String message = "The OpenAPI lint needs Node.js (npx) to run " + REDOCLY + ".";
            if ("required".equals(System.getenv("OPENAPI_LINT"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        Path file = dir.resolve("openapi.json");
        Files.writeString(file, new Http(port).get("/v3/api-docs").body());
        Process lint = new ProcessBuilder(npx, "--yes", REDOCLY, "lint", "--extends=recommended", "--format=json",
                file.toString()).directory(dir.toFile()).redirectError(dir.resolve("lint.err").toFile()).start();
        String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("the lint finished").isTrue();
        JsonNode report = Json.parse(out.substring(out.indexOf('{')));
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.path("severity").asString() + " " + p.path("ruleId").asString()
                + ": " + p.path("message").asString() + " at " + p.path("location").path(0).path("pointer").asString()));
        assertThat(problems).isEmpty();
        assertThat(report.path("totals").path("errors").asInt()).isZero();
        assertThat(report.path("totals").path("warnings").asInt()).isZero();
    }
}
