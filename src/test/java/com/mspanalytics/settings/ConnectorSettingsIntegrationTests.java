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

/** Runs in production mode: only https to public addresses may be stored. */
@IntegrationTest
class ConnectorSettingsIntegrationTests {

    static final String PRIVATE_KEY = "pk-9f8e7d6c5b4a39281706";
    static final String SMTP_PASSWORD = "smtp-pw-5a4b3c2d1e";
    static final String CONNECTWISE = """
            {"baseUrl":"https://93.184.216.34/v4_6_release/apis/3.0","companyId":"acme","publicKey":"pub-1234567890abc",
             "privateKey":"%s","clientId":"3f0d7c2a-1111-4222-8333-944455556666"}""".formatted(PRIVATE_KEY);

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
    void storedSettingsAreReturnedMaskedAndNeverInClear() {
        HttpResponse<String> put = put("connectwise", CONNECTWISE);
        HttpResponse<String> get = admin.get("/settings/connectors/connectwise");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(get.statusCode()).isEqualTo(200);
        JsonNode masked = Json.parse(get.body());
        assertThat(masked.path("companyId").asString()).isEqualTo("acme");
        assertThat(masked.path("privateKey").asString()).isEqualTo("****1706");
        assertThat(put.body() + get.body()).doesNotContain(PRIVATE_KEY);
    }

    @Test
    void unknownAndMissingFieldsAre400NamingThem() {
        JsonNode problem = Json.parse(put("sentinelone", "{\"apiToken\":\"tok-123456789012345\",\"colour\":\"red\"}").body());

        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("colour", "baseUrl");
        assertThat(admin.get("/settings/connectors/sentinelone").statusCode()).isEqualTo(404);
    }

    @Test
    void smtpValuesOfTheWrongKindAre400NamingEachFieldAndTheStoredSettingsStay() {
        String good = """
                {"host":"smtp.msp.test","port":"587","username":"digest","password":"%s","from":"MSP <digest@msp.test>",
                 "to":"owner@msp.test, manager@msp.test","startTls":"true"}""".formatted(SMTP_PASSWORD);
        HttpResponse<String> saved = put("smtp", good);
        assertThat(saved.statusCode()).isEqualTo(200);
        String before = admin.get("/settings/connectors/smtp").body();

        HttpResponse<String> refused = put("smtp", """
                {"host":"smtp.other.test","port":"abc","password":"%s","from":"digest@msp.test","to":"not an address"}"""
                .formatted(SMTP_PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.parse(refused.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:msp-analytics:problem:validation");
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("port", "to");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("1 to 65535");
        assertThat(problem.path("errors").get(1).path("message").asString()).contains("e-mail address");
        assertThat(problem.path("detail").asString()).contains("port").contains("to");
        assertThat(refused.body()).doesNotContain(SMTP_PASSWORD);
        assertThat(admin.get("/settings/connectors/smtp").body()).isEqualTo(before).contains("smtp.msp.test");
    }

    @Test
    void startTlsAndTheTokenBudgetMustBeOfTheirKindToo() {
        JsonNode startTls = Json.parse(put("smtp",
                "{\"host\":\"smtp.msp.test\",\"from\":\"d@msp.test\",\"to\":\"o@msp.test\",\"startTls\":\"maybe\"}").body());
        JsonNode budget = Json.parse(put("anthropic",
                "{\"apiKey\":\"sk-ant-1234567890\",\"monthlyTokenBudget\":\"-5\"}").body());

        assertThat(startTls.path("status").asInt()).isEqualTo(400);
        assertThat(startTls.path("errors").get(0).path("field").asString()).isEqualTo("startTls");
        assertThat(budget.path("status").asInt()).isEqualTo(400);
        assertThat(budget.path("errors").get(0).path("field").asString()).isEqualTo("monthlyTokenBudget");
        assertThat(admin.get("/settings/connectors/smtp").statusCode()).isEqualTo(404);
        assertThat(admin.get("/settings/connectors/anthropic").statusCode()).isEqualTo(404);
        assertThat(put("smtp", "{\"host\":\"smtp.msp.test\",\"from\":\"d@msp.test\",\"to\":\"o@msp.test\","
                + "\"port\":\"\",\"startTls\":\"false\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void privateAndPlainHttpAddressesAreRefusedInProductionMode() {
        for (String url : new String[] {"https://127.0.0.1:8443/api", "http://93.184.216.34/api",
                "https://169.254.169.254/latest", "https://10.1.2.3/", "https://[::1]/"}) {
            HttpResponse<String> response = put("sentinelone",
                    "{\"baseUrl\":\"" + url + "\",\"apiToken\":\"tok-123456789012345\"}");

            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("errors").get(0).path("field").asString()).isEqualTo("baseUrl");
        }
    }

    @Test
    void unknownConnectorIs404NamingTheKnownOnes() {
        HttpResponse<String> response = admin.get("/settings/connectors/autotask");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.parse(response.body()).path("detail").asString()).contains("connectwise").contains("smtp");
    }

    @Test
    void anotherTenantSeesNothingAndDeleteForgets() {
        put("connectwise", CONNECTWISE);
        Http other = new Http(port, TestTenants.create(context).apiKey());

        assertThat(other.get("/settings/connectors/connectwise").statusCode()).isEqualTo(404);
        assertThat(other.send("DELETE", "/settings/connectors/connectwise", HttpRequest.BodyPublishers.noBody())
                .statusCode()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/settings/connectors/connectwise", HttpRequest.BodyPublishers.noBody())
                .statusCode()).isEqualTo(204);
        assertThat(admin.get("/settings/connectors/connectwise").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> put(String connector, String json) {
        return admin.send(admin.request("/settings/connectors/" + connector, "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
