package com.mspanalytics.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import com.mspanalytics.simulator.world.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphSimulatorTests {

    static final Simulators SIM = TestSimulators.SHARED;
    static final Map<String, String> SETTINGS = SIM.connectorSettings().get("defender");

    static String bearer() {
        var response = Http.postForm(SETTINGS.get("tokenUrl"), Map.of("client_id", SETTINGS.get("clientId"),
                "client_secret", SETTINGS.get("clientSecret"), "scope", "https://graph.microsoft.com/.default",
                "grant_type", "client_credentials"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("expires_in").asInt()).isEqualTo(3599);
        return "Bearer " + Http.json(response).get("access_token").asText();
    }

    @Test
    void tokenEndpointRefusesAWrongSecretAndGraphRefusesNoToken() {
        var response = Http.postForm(SETTINGS.get("tokenUrl"), Map.of("client_id", SETTINGS.get("clientId"),
                "client_secret", "wrong", "grant_type", "client_credentials"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_client");
        var noToken = Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/alerts_v2");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(Http.json(noToken).get("error").get("code").asText()).isEqualTo("InvalidAuthenticationToken");
    }

    @Test
    void alertsPageNewestFirstThroughNextLinks() {
        String auth = bearer();
        var want = SIM.live().view().securityEvents().stream().filter(e -> e.source() == SecurityEvent.Source.DEFENDER).count();
        var seen = new ArrayList<Instant>();
        String url = SETTINGS.get("baseUrl") + "/v1.0/security/alerts_v2?$top=10";
        while (url != null) {
            var body = Http.json(Http.get(url, "Authorization", auth));
            body.get("value").forEach(a -> seen.add(Instant.parse(a.get("createdDateTime").asText())));
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }
        assertThat(seen).hasSize((int) want);
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filtersOnLastUpdateDateTimeAndSeverity() {
        String auth = bearer();
        Instant since = SIM.now().minusSeconds(30L * 24 * 3600);
        var want = SIM.live().view().securityEvents().stream()
                .filter(e -> e.source() == SecurityEvent.Source.DEFENDER && !e.lastUpdate(SIM.now()).isBefore(since)
                        && e.severity().equals("high")).count();
        String filter = "lastUpdateDateTime ge " + since + " and severity eq 'high'";
        var body = Http.json(Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/alerts_v2?$top=2000&$count=true&$filter="
                + Http.encode(filter), "Authorization", auth));
        assertThat(body.get("@odata.count").asLong()).isEqualTo(want);
        var bad = Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/alerts_v2?$filter=" + Http.encode("title eq 'x'"), "Authorization", auth);
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void incidentsGroupAlertsAndMergedOnesAreRedirected() {
        String auth = bearer();
        var alerts = SIM.live().view().securityEvents().stream().filter(e -> e.source() == SecurityEvent.Source.DEFENDER).toList();
        long grouped = alerts.stream().map(SecurityEvent::incidentId).distinct().count();
        long merged = alerts.stream().filter(e -> e.mergedIncidentId() != null).count();
        var incidents = new ArrayList<tools.jackson.databind.JsonNode>();
        String url = SETTINGS.get("baseUrl") + "/v1.0/security/incidents?$top=50";
        while (url != null) {
            var body = Http.json(Http.get(url, "Authorization", auth));
            body.get("value").forEach(incidents::add);
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }

        assertThat(grouped).as("some alerts share an incident").isLessThan(alerts.size() - merged);
        assertThat(merged).isPositive();
        assertThat(incidents).hasSize((int) (grouped + merged));
        assertThat(incidents.stream().map(i -> i.get("createdDateTime").asText()).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        SecurityEvent mergedAlert = alerts.stream().filter(e -> e.mergedIncidentId() != null).findFirst().orElseThrow();
        var redirected = Http.json(Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/incidents/" + mergedAlert.mergedIncidentId(),
                "Authorization", auth));
        assertThat(redirected.get("status").asText()).isEqualTo("redirected");
        assertThat(redirected.get("redirectIncidentId").asText()).isEqualTo(mergedAlert.incidentId());
        var alert = Http.json(Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/alerts_v2/" + mergedAlert.id(), "Authorization", auth));
        assertThat(alert.get("incidentId").asText()).as("the alert belongs to the incident it was merged into")
                .isEqualTo(mergedAlert.incidentId());
        var onlyRedirected = Http.json(Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/incidents?$top=50&$filter="
                + Http.encode("status eq 'redirected'"), "Authorization", auth));
        assertThat(onlyRedirected.get("value").size()).isEqualTo((int) Math.min(50, merged));
    }

    @Test
    void incidentsRefuseTopAboveFiftyLikeTheCapturedResponse() {
        var response = Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/incidents?$top=100", "Authorization", bearer());
        assertThat(response.statusCode()).isEqualTo(400);
        var error = Http.json(response).get("error");
        assertThat(error.get("message").asText()).isEqualTo("The query specified in the URI is not valid. The limit of '50'"
                + " for Top query has been exceeded. The value from the incoming request is '100'.");
        assertThat(error.get("innerError").has("request-id")).isTrue();
        var ok = Http.json(Http.get(SETTINGS.get("baseUrl") + "/v1.0/security/incidents?$top=50", "Authorization", bearer()));
        assertThat(ok.get("value").size()).isLessThanOrEqualTo(50);
        assertThat(ok.get("value").get(0).get("status").asText()).isIn("active", "inProgress", "resolved", "redirected");
    }
}
