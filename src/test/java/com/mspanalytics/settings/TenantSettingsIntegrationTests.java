package com.mspanalytics.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestTenants;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class TenantSettingsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Http admin;

    @BeforeEach
    void tenant() {
        admin = new Http(port, TestTenants.create(context).apiKey());
    }

    @Test
    void defaultsAreTheOnesKpisMdNames() {
        JsonNode settings = Json.parse(admin.get("/settings").body());

        assertThat(settings.path("hourlyRate").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(settings.path("hourlyCost").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(settings.path("currency").asString()).isEqualTo("CAD");
        assertThat(settings.path("timeZone").asString()).isEqualTo("UTC");
        assertThat(settings.path("minSample").asInt()).isEqualTo(5);
        assertThat(settings.path("slaTargets").path("critical").path("acknowledgeMinutes").asInt()).isEqualTo(15);
        assertThat(settings.path("slaTargets").path("low").path("resolveMinutes").asInt()).isEqualTo(7 * 24 * 60);
        assertThat(settings.path("trainingCategories").toString()).contains("Password Reset");
        assertThat(settings.path("expectedReductions").path("Hardware").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(settings.path("expectedReductions").path("How To").decimalValue()).isEqualByComparingTo("0.3");
    }

    @Test
    void expectedReductionsAreStoredAndMustBeFractions() {
        assertThat(put("{\"expectedReductions\":{\"Printer\":0.9}}").statusCode()).isEqualTo(200);
        JsonNode stored = Json.parse(admin.get("/settings").body());
        assertThat(stored.path("expectedReductions").size()).isEqualTo(1); // the tenant's map replaces the defaults
        assertThat(stored.path("expectedReductions").path("Printer").decimalValue()).isEqualByComparingTo("0.9");

        JsonNode problem = Json.parse(put("{\"expectedReductions\":{\"Printer\":1.5,\"Email\":-0.1}}").body());

        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .anySatisfy(field -> assertThat(field).startsWith("expectedReductions[Printer]"))
                .anySatisfy(field -> assertThat(field).startsWith("expectedReductions[Email]"));
        assertThat(Json.parse(admin.get("/settings").body()).path("expectedReductions").path("Printer").decimalValue())
                .isEqualByComparingTo("0.9");
    }

    @Test
    void aPartialDocumentIsStoredAndTheRestDefaults() {
        HttpResponse<String> put = put("{\"hourlyRate\":175.5,\"timeZone\":\"America/Toronto\"}");

        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode stored = Json.parse(admin.get("/settings").body());
        assertThat(stored.path("hourlyRate").decimalValue()).isEqualByComparingTo("175.5");
        assertThat(stored.path("timeZone").asString()).isEqualTo("America/Toronto");
        assertThat(stored.path("hourlyCost").decimalValue()).isEqualByComparingTo("60.00");
    }

    @Test
    void settingsAreIsolatedPerTenant() {
        put("{\"currency\":\"EUR\"}");

        Http other = new Http(port, TestTenants.create(context).apiKey());

        assertThat(Json.parse(other.get("/settings").body()).path("currency").asString()).isEqualTo("CAD");
    }

    @Test
    void invalidValuesAre400NamingEachFieldAndChangeNothing() {
        put("{\"currency\":\"USD\"}");

        JsonNode problem = Json.parse(put("""
                {"hourlyRate":-1,"timeZone":"Mars/Olympus","domainField":"colour",
                 "slaTargets":{"critical":{"acknowledgeMinutes":0,"resolveMinutes":60}}}""").body());

        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("hourlyRate", "timeZone", "domainField")
                .anySatisfy(field -> assertThat(field).startsWith("slaTargets[critical].acknowledgeMinutes"));
        assertThat(Json.parse(admin.get("/settings").body()).path("currency").asString()).isEqualTo("USD");
    }

    @Test
    void unknownFieldsAreRefused() {
        JsonNode problem = Json.parse(put("{\"hourlyRte\":100}").body());

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("hourlyRte");
    }

    private HttpResponse<String> put(String json) {
        return admin.send(admin.request("/settings", "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
