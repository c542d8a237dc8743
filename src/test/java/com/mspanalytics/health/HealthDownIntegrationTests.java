package com.mspanalytics.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Stops a real database under a running service: /health must say so with 503, not hang or 500. */
class HealthDownIntegrationTests {

    @Test
    void answers503WithDatabaseDownWhenThePostgresServerStops() throws Exception {
        EmbeddedPostgres postgres = TestDatabase.start();
        Map<String, Object> env = new HashMap<>(TestDatabase.productionEnvironment(postgres));
        env.put("PORT", "0");
        env.put("msp.database.connection-timeout", "1s");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .properties(env).run()) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(http.get("/health").statusCode()).isEqualTo(200);

            postgres.close();

            HttpResponse<String> down = http.get("/health");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode body = Json.parse(down.body());
            assertThat(body.path("status").asString()).isEqualTo("DOWN");
            assertThat(body.path("checks").path("database").asString()).isEqualTo("DOWN");
        }
    }
}
