package com.mspanalytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestTenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@IntegrationTest
@Import(ProblemJsonIntegrationTests.EchoEndpoint.class)
class ProblemJsonIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    String key;

    @BeforeEach
    void tenantWithKey() {
        key = TestTenants.create(context).apiKey();
    }

    /** A write endpoint of our own shape, so the web infrastructure is tested independently of features. */
    @TestConfiguration
    @RestController
    static class EchoEndpoint {
        record Settings(@NotBlank String currency, @Min(0) int hourlyRate) {
        }

        @PostMapping("/test/echo")
        Settings echo(@Valid @RequestBody Settings settings) {
            return settings;
        }
    }

    @Test
    void unknownRouteIs404Problem() {
        assertProblem(http().get("/no/such/thing"), 404, "/no/such/thing");
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() {
        for (String path : new String[] {"/notifications?channel=fax", "/notifications?limit=0", "/anomalies?status=new",
                "/sync/runs?limit=100000"}) {
            HttpResponse<String> response = http().get(path);
            JsonNode problem = assertProblem(response, 400, path.substring(0, path.indexOf('?')));
            assertThat(problem.path("type").asString()).as(path).isEqualTo("urn:msp-analytics:problem:validation");
            assertThat(problem.path("errors").get(0).path("field").asString()).as(path)
                    .isEqualTo(path.substring(path.indexOf('?') + 1, path.indexOf('=')));
        }
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(http().send("DELETE", "/health", HttpRequest.BodyPublishers.noBody()), 405, "/health");
    }

    @Test
    void malformedJsonIs400ProblemWithoutInternals() {
        HttpResponse<String> response = http().post("/test/echo", "{\"currency\": \"CAD\", ");

        JsonNode problem = assertProblem(response, 400, "/test/echo");
        assertThat(problem.path("type").asString()).isEqualTo("urn:msp-analytics:problem:malformed-body");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("tools.jackson").doesNotContain("at com.");
    }

    @Test
    void unknownFieldIs400NamingTheField() {
        JsonNode problem = assertProblem(http().post("/test/echo", "{\"currency\":\"CAD\",\"hourlyRate\":1,\"tenantId\":\"x\"}"),
                400, "/test/echo");

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("tenantId");
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        JsonNode problem = assertProblem(http().post("/test/echo", "{\"currency\":\"CAD\",\"hourlyRate\":\"lots\"}"),
                400, "/test/echo");

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("hourlyRate");
    }

    @Test
    void constraintViolationIs400WithEveryField() {
        JsonNode problem = assertProblem(http().post("/test/echo", "{\"currency\":\"\",\"hourlyRate\":-5}"), 400, "/test/echo");

        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("currency", "hourlyRate");
    }

    @Test
    void validBodyPasses() {
        HttpResponse<String> response = http().post("/test/echo", "{\"currency\":\"CAD\",\"hourlyRate\":150}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).path("hourlyRate").asInt()).isEqualTo(150);
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String big = "{\"currency\":\"" + "x".repeat(1024 * 1024) + "\",\"hourlyRate\":1}";

        assertProblem(http().post("/test/echo", big), 413, "/test/echo");
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413() {
        byte[] chunk = "x".repeat(64 * 1024).getBytes();
        HttpRequest.BodyPublisher unknownLength = new HttpRequest.BodyPublisher() {
            final HttpRequest.BodyPublisher delegate = HttpRequest.BodyPublishers.ofByteArrays(
                    java.util.stream.Stream.concat(java.util.stream.Stream.of("{\"currency\":\"".getBytes()),
                            java.util.stream.Stream.generate(() -> chunk).limit(20)).toList());

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                delegate.subscribe(subscriber);
            }
        };

        HttpResponse<String> response = http().send(http().request("/test/echo", "Content-Type", "application/json")
                .POST(unknownLength).build());

        assertProblem(response, 413, "/test/echo");
    }

    private Http http() {
        return new Http(port, key);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String instance) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isNotBlank();
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).isEqualTo(instance);
        return problem;
    }
}
