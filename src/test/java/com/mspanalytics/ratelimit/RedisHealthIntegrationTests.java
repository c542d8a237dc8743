package com.mspanalytics.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Without REDIS_URL the limits are counted in process, and /health says so. */
@IntegrationTest
class RedisHealthIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void reportsRedisEmbeddedWhenNoRedisUrlIsSet() {
        HttpResponse<String> response = new Http(port).get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.parse(response.body());
        assertThat(body.path("checks").path("redis").asString()).isEqualTo("EMBEDDED");
        assertThat(body.path("status").asString()).isEqualTo("UP");
    }
}
