package com.mspanalytics.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Base of the KPI tests on the {@link SyncedWorld}: the world and an {@link Http} client with its tenant's key,
 * and a helper that computes a KPI as of {@link SyncedWorld#END_DATE}. Subclasses keep their own
 * {@link KpiWorldTest} annotation so that they share the cached context.
 */
public abstract class KpiPlantedTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    protected SyncedWorld world;
    protected Http http;

    @BeforeEach
    void syncWorldAndHttp() {
        world = SyncedWorld.get(context);
        http = new Http(port, world.tenant().apiKey());
    }

    /** POSTs {@code {"asOf": END_DATE}} to {@code /compute/kpi/{slug}} and returns the parsed body. */
    protected JsonNode computePlanted(String slug) {
        return Json.parse(http.post("/compute/kpi/" + slug, "{\"asOf\":\"" + SyncedWorld.END_DATE + "\"}").body());
    }

    /** PUTs {@code json} to {@code /settings} and asserts 200. */
    protected void putSettings(String json) {
        putSettings(http, json);
    }

    static void putSettings(Http http, String json) {
        var response = http.send("PUT", "/settings", HttpRequest.BodyPublishers.ofString(json),
                "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
