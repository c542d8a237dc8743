package com.mspanalytics.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder.SeededTenant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Base of the KPI tests on hand-built data: a fresh tenant with its key and an {@link Http} client for every
 * test (created before the subclass's own {@code @BeforeEach}), and helpers to compute a KPI, check a 400 and
 * change the tenant's settings. Subclasses keep their own {@link IntegrationTest} annotation so that they share
 * the cached context.
 */
public abstract class KpiIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    protected SeededTenant tenant;
    protected Http http;

    @BeforeEach
    void createTenantAndHttp() {
        tenant = TestTenants.create(context);
        http = new Http(port, tenant.apiKey());
    }

    /** POSTs {@code body} to {@code /compute/kpi/{slug}}, asserts 200 and returns the parsed result. */
    protected JsonNode compute(String slug, String body) {
        var response = http.post("/compute/kpi/" + slug, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    /** POSTs {@code body} to {@code /compute/kpi/{slug}} and asserts a 400 whose errors name {@code field}. */
    protected void assertInvalid(String slug, String body, String field) {
        var response = http.post("/compute/kpi/" + slug, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("errors").valueStream().map(e -> e.path("field").asString()))
                .as(body).contains(field);
    }

    /** PUTs {@code json} to {@code /settings} and asserts 200. */
    protected void putSettings(String json) {
        KpiPlantedTest.putSettings(http, json);
    }
}
