package com.mspanalytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mspanalytics.alerts.slack.AnomalyAlerts;
import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.slack.SlackSimulator;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import com.mspanalytics.support.KpiWorldTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Slack anomaly alerts against the Slack simulator. One client, ACME, has 3 Network tickets in 11 of the 12 baseline
 * weeks and none in the sixth, then 9 in the judged week 2026-W47: mean 33/12 = 2.75, population variance
 * (11 × 0.25² + 2.75²)/12 = 0.6875, stddev 0.8292, z = 6.25 / 0.8292 = 7.54. KPI 11 flags the client, the domain and
 * the cell: three anomalies, announced in one message.
 */
@KpiWorldTest
@ExtendWith(OutputCaptureExtension.class)
class AnomalyAlertsIntegrationTests extends KpiIntegrationTest {

    private static final LocalDate CURRENT = LocalDate.of(2026, 11, 16);
    private static final String COMPUTE = "{\"asOf\":\"2026-11-23\"}";

    private SlackSimulator slack;
    private KpiFixtures data;

    @BeforeEach
    void slackAndSpike() {
        slack = SlackSimulator.start(0, new Faults(7), 7);
        var response = http.send("PUT", "/settings/connectors/slack", HttpRequest.BodyPublishers.ofString(
                Json.toJson(slack.connectorSettings())), "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        for (int week = 0; week < 12; week++) {
            tickets(acme, week, week == 5 ? 0 : 3, "Printer jam");
        }
        tickets(acme, 12, 8, "Switch down");
        tickets(acme, 12, 1, "<!channel> call me @here");
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void oneMessagePerRunWithTheNumbersAndNeverTheSameAnomalyTwice(CapturedOutput output) throws Exception {
        compute("ticket-trends", COMPUTE);

        List<JsonNode> sent = awaitNotifications(1);
        assertThat(sent.get(0).path("status").asString()).isEqualTo("sent");
        assertThat(sent.get(0).path("subject").asString()).isEqualTo("ticket-trends");
        assertThat(sent.get(0).path("items").asInt()).isEqualTo(3);
        assertThat(sent.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(slack.messages()).hasSize(1);
        JsonNode message = Json.parse(slack.messages().get(0));
        assertThat(message.path("text").asString()).isEqualTo("3 new ticket volume anomalies for " + tenant.name());
        List<String> sections = message.path("blocks").valueStream()
                .filter(b -> b.path("type").asString().equals("section"))
                .map(b -> b.path("text").path("text").asString()).toList();
        assertThat(sections).hasSize(3);
        assertThat(sections.get(0)).startsWith(
                "*client ACME (Acme Dental)* · spike in 2026-W47: *9 tickets* vs baseline 2.75 ± 0.83 (z = 7.54)");
        assertThat(sections.get(1)).startsWith(
                "*client×domain ACME|Network* · spike in 2026-W47: *9 tickets* vs baseline 2.75 ± 0.83 (z = 7.54)");
        assertThat(sections.get(2)).startsWith(
                "*domain Network* · spike in 2026-W47: *9 tickets* vs baseline 2.75 ± 0.83 (z = 7.54)");
        // Example tickets are the week's newest five; ticket text cannot mention the channel.
        assertThat(sections.get(0)).contains("Example tickets: #").contains("&lt;!channel&gt; call me @\u2060here")
                .doesNotContain("<!channel>");
        assertThat(sections.get(0).split(" · #")).hasSize(5);

        compute("ticket-trends", COMPUTE);
        assertThat(context.getBean(AnomalyAlerts.class).awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(slack.messages()).as("the same anomalies are not announced again").hasSize(1);
        assertThat(notifications()).hasSize(1);
        assertThat(output.getAll()).doesNotContain(slack.connectorSettings().get("webhookUrl"));
    }

    @Test
    void slackRateLimitsAndServerErrorsAreRetriedHonouringRetryAfter() {
        slack.script(new SlackSimulator.Reply(429, "{\"ok\":false,\"error\":\"rate_limited\"}", 1),
                new SlackSimulator.Reply(500, "rollup_error", null));
        long started = System.nanoTime();

        compute("ticket-trends", COMPUTE);

        JsonNode sent = awaitNotifications(1).get(0);
        assertThat(sent.path("status").asString()).isEqualTo("sent");
        assertThat(sent.path("attempts").asInt()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(slack.messages()).hasSize(1);
    }

    @Test
    void aFailingWebhookIsRecordedNotThrownAndTheNextRunCarriesItsAnomalies(CapturedOutput output) {
        for (int i = 0; i < 6; i++) {
            slack.script(new SlackSimulator.Reply(500, "rollup_error", null));
        }

        JsonNode result = compute("ticket-trends", COMPUTE);

        JsonNode failed = awaitNotifications(1).get(0);
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("attempts").asInt()).isEqualTo(6);
        assertThat(failed.path("error").asString()).isEqualTo("Slack incoming webhook answered HTTP 500");
        assertThat(failed.path("resultId").asString()).isEqualTo(result.path("id").asString());
        assertThat(slack.messages()).isEmpty();

        compute("ticket-trends", COMPUTE);

        List<JsonNode> log = awaitNotifications(2);
        assertThat(log.get(0).path("status").asString()).isEqualTo("sent");
        assertThat(log.get(0).path("items").asInt()).as("the anomalies of the failed alert").isEqualTo(3);
        assertThat(slack.messages()).hasSize(1);
        assertThat(output.getAll()).doesNotContain(slack.connectorSettings().get("webhookUrl"));
    }

    @Test
    void aRemovedWebhookIsAPermanentFailureThatSaysWhatToFix() {
        slack.script(new SlackSimulator.Reply(404, "no_service", null));

        compute("ticket-trends", COMPUTE);

        JsonNode failed = awaitNotifications(1).get(0);
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("attempts").asInt()).as("a 404 is not retried").isEqualTo(1);
        assertThat(failed.path("error").asString()).isEqualTo("Slack incoming webhook answered HTTP 404; "
                + "check the slack webhook (PUT /settings/connectors/slack)");
    }

    private void tickets(long company, int week, int n, String summary) {
        Instant wednesday = CURRENT.minusWeeks(12).plusWeeks(week).plusDays(2).atTime(15, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            data.ticket(company, wednesday.plusSeconds(i)).category("Network", null, null).summary(summary).create();
        }
    }

    private List<JsonNode> awaitNotifications(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications().size() >= count);
        return notifications();
    }

    private List<JsonNode> notifications() {
        var response = http.get("/notifications?channel=slack");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).valueStream().toList();
    }
}
