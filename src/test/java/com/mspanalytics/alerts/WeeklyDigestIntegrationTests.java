package com.mspanalytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mspanalytics.alerts.digest.Digests;
import com.mspanalytics.simulator.anthropic.AnthropicSimulator;
import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.KpiFixtures;
import com.mspanalytics.support.KpiIntegrationTest;
import com.mspanalytics.support.KpiWorldTest;
import com.mspanalytics.tenant.TenantContext;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The weekly digest against a real SMTP server (GreenMail). Hand-built week: two clients, two techs, 9.0 hours of
 * which 6.5 billable (72.2 %), two critical SOC events of which one acknowledged late (compliance 50.0 %).
 */
@KpiWorldTest
class WeeklyDigestIntegrationTests extends KpiIntegrationTest {

    private GreenMail smtp;
    private LocalDate monday;

    @BeforeEach
    void smtpServerAndWeek() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        putSmtp(smtp.getSmtp().getPort());
        // The last complete ISO week before today, found here independently of the code under test.
        monday = LocalDate.now(ZoneOffset.UTC).minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        plantWeek(monday);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void mailsBothPartsToEveryRecipientWithTheNumbersOfTheWeeksKpiResults() throws Exception {
        var response = http.post("/digest/send", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = Json.parse(response.body());
        assertThat(sent.path("status").asString()).isEqualTo("sent");
        assertThat(sent.path("items").asInt()).isEqualTo(2);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received[0].getAllRecipients()).map(Object::toString))
                .containsExactlyInAnyOrder("owner@msp.test", "manager@msp.test");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("digest@msp.test");
        assertThat(received[0].getSubject()).isEqualTo("Weekly digest for " + tenant.name() + ": week of " + monday
                + " to " + monday.plusDays(6));
        List<Part> parts = leaves(received[0]);
        String text = content(parts, "text/plain");
        String html = content(parts, "text/html");
        assertThat(parts.stream().filter(p -> isType(p, "image/png")).count()).as("hours and utilization charts").isEqualTo(2);
        assertThat(html).contains("cid:hours-by-client").contains("cid:tech-utilization");

        // Hand-worked figures.
        assertThat(text).contains("HOURS: 9.0 logged, 6.5 billable (72.2 %)");
        assertThat(text).contains("SOC: 2 events, SLA breaches: 1");
        assertThat(text).contains("  - critical: 2 events, 1 breaches, compliance 50.0 %");
        assertThat(text).contains("In the week of " + monday + " to " + monday.plusDays(6) + " the team logged 9.0 hours, "
                + "72.2 % of them billable.");
        assertThat(html).contains(">9.0<").contains("6.5 billable (72.2 %)").contains(">50.0 %<");

        // Every figure equals the stored KPI result the digest names.
        JsonNode time = latest("time-consumption");
        JsonNode mismatch = latest("agreement-mismatch");
        JsonNode efficiency = latest("tech-efficiency");
        JsonNode soc = latest("soc-metrics");
        assertThat(text).contains("Figures from the ").contains("Time Consumption").contains("Agreement Mismatch")
                .contains("Tech Efficiency").contains("SOC Metrics").doesNotContain("time-consumption=");
        assertThat(time.path("window").path("from").asString()).isEqualTo(monday.toString());
        assertThat(text).contains("HOURS: " + hours(time.path("summary").path("totalHours")) + " logged, "
                + hours(time.path("summary").path("billableHours")) + " billable ("
                + percent(time.path("summary").path("billableShare")) + ")");
        assertThat(text).contains("WORK OUTSIDE AGREEMENTS: CAD " + money(mismatch.path("summary").path("totalRecoverable"))
                + " recoverable (" + hours(mismatch.path("summary").path("recoverableHours")) + " hours not billed); CAD "
                + money(mismatch.path("summary").path("billedOutsideAgreement")) + " billed outside agreements ("
                + hours(mismatch.path("summary").path("billedOutsideHours")) + " hours)");
        for (JsonNode tech : efficiency.path("rows")) {
            String name = tech.path("name").isNull() ? tech.path("tech").asString() : tech.path("name").asString();
            assertThat(text).contains("  - " + name + ": " + tech.path("closed").asLong() + ", "
                    + hours(tech.path("medianResolutionHours")) + ", " + percent(tech.path("fcrRate")) + ", "
                    + percent(tech.path("csatPositiveRate")) + ", " + percent(tech.path("utilization")));
        }
        assertThat(efficiency.path("rows")).hasSize(2);
        JsonNode critical = soc.path("summary").path("slaCompliance").path("critical");
        assertThat(text).contains("  - critical: " + critical.path("n").asLong() + " events, "
                + critical.path("breaches").asLong() + " breaches, compliance " + percent(critical.path("compliance")));
    }

    @Test
    void theScheduledDigestGoesOutOnceAtTheTenantsHourInItsTimeZone() throws Exception {
        putSettings("{\"timeZone\":\"America/Toronto\",\"digest\":{\"dayOfWeek\":\"MONDAY\",\"hour\":7}}");
        Digests digests = context.getBean(Digests.class);
        // Monday 07:00 in Toronto is 12:00 UTC in November.
        Instant mondayBeforeSeven = monday.plusWeeks(1).atTime(11, 59).toInstant(ZoneOffset.UTC);
        Instant mondayAfterSeven = monday.plusWeeks(1).atTime(12, 30).toInstant(ZoneOffset.UTC);
        Instant tuesdayMorning = monday.plusWeeks(1).plusDays(1).atTime(3, 0).toInstant(ZoneOffset.UTC);

        assertThat(sendIfDue(digests, mondayBeforeSeven)).as("last week's slot is too long ago").isEmpty();
        // Two nodes finding the digest due at once: one claims it.
        var a = CompletableFuture.supplyAsync(() -> sendIfDue(digests, mondayAfterSeven));
        var b = CompletableFuture.supplyAsync(() -> sendIfDue(digests, mondayAfterSeven));
        assertThat(List.of(a.get(), b.get()).stream().filter(Optional::isPresent).count()).isEqualTo(1);
        assertThat(sendIfDue(digests, mondayAfterSeven)).as("already sent").isEmpty();
        assertThat(sendIfDue(digests, tuesdayMorning)).as("still the same week").isEmpty();

        assertThat(smtp.getReceivedMessages()).hasSize(2);   // one message, two recipients
        JsonNode log = Json.parse(http.get("/notifications?channel=email").body());
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("subject").asString()).isEqualTo("weekly-digest");
        assertThat(log.get(0).path("period").asString()).isEqualTo(String.format(Locale.ROOT, "%d-W%02d",
                monday.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                monday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        assertThat(log.get(0).path("status").asString()).isEqualTo("sent");
    }

    @Test
    void anSmtpFailureIsLoggedAndTheNextCheckSendsTheDigest() {
        Digests digests = context.getBean(Digests.class);
        Instant due = monday.plusWeeks(1).atTime(7, 30).toInstant(ZoneOffset.UTC);
        smtp.stop();

        Optional<Notification> failed = sendIfDue(digests, due);

        assertThat(failed).get().extracting(Notification::status).isEqualTo("failed");
        assertThat(failed.get().error()).startsWith("SMTP server 127.0.0.1 did not take the digest: ")
                .endsWith("; check the smtp settings (PUT /settings/connectors/smtp)");
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        putSmtp(smtp.getSmtp().getPort());

        assertThat(sendIfDue(digests, due.plusSeconds(900))).get().extracting(Notification::status).isEqualTo("sent");
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void withoutSmtpSettingsSendingAnswersAProblemAndThePreviewStillRenders() {
        assertThat(http.send("DELETE", "/settings/connectors/smtp", HttpRequest.BodyPublishers.noBody()).statusCode())
                .isEqualTo(204);

        var send = http.post("/digest/send", "");
        var preview = http.get("/digest/preview");

        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(Json.parse(send.body()).path("detail").asString()).contains("PUT /settings/connectors/smtp");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(preview.body()).contains("data:image/png;base64,").contains("6.5 billable (72.2 %)");
    }

    @Test
    void aSecondManualSendOfTheSameWeekGoesOutAndIsLoggedAsSent() {
        for (int send = 1; send <= 2; send++) {
            var response = http.post("/digest/send", "");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Json.parse(response.body()).path("status").asString()).as("send " + send).isEqualTo("sent");
        }
        assertThat(smtp.getReceivedMessages()).as("two recipients, twice").hasSize(4);
    }

    @Test
    void withAnLlmClaudeWritesTheSummaryFromTheDigestsFiguresAndWithoutBudgetTheRulesDo() throws Exception {
        try (AnthropicSimulator claude = AnthropicSimulator.start(0, new Faults(3), 3)) {
            Map<String, String> anthropic = new java.util.HashMap<>(claude.connectorSettings());
            putConnector("anthropic", anthropic);

            assertThat(http.post("/digest/send", "").statusCode()).isEqualTo(200);

            String text = content(leaves(smtp.getReceivedMessages()[0]), "text/plain");
            assertThat(text).contains("(Summary written by Claude from the figures below.)");
            assertThat(claude.server().requests()).hasSize(1);
            String prompt = claude.server().requests().get(0).body();
            assertThat(prompt).contains("weekly-digest").contains("6.5").contains("72.2 %").contains("CAD 375.00");

            anthropic.put("monthlyTokenBudget", "1");
            putConnector("anthropic", anthropic);
            smtp.purgeEmailFromAllMailboxes();

            assertThat(http.post("/digest/send", "").statusCode()).isEqualTo(200);

            assertThat(content(leaves(smtp.getReceivedMessages()[0]), "text/plain"))
                    .contains("In the week of " + monday).doesNotContain("written by Claude");
            assertThat(claude.server().requests()).as("a spent budget sends nothing").hasSize(1);
        }
    }

    private Optional<Notification> sendIfDue(Digests digests, Instant now) {
        return TenantContext.callAs(tenant.tenant(), () -> digests.sendIfDue(now));
    }

    private void putSmtp(int port) {
        putConnector("smtp", Map.of("host", "127.0.0.1", "port", String.valueOf(port), "from", "digest@msp.test",
                "to", "owner@msp.test, manager@msp.test", "startTls", "false"));
    }

    private void putConnector(String name, Map<String, String> settings) {
        var response = http.send("PUT", "/settings/connectors/" + name,
                HttpRequest.BodyPublishers.ofString(Json.toJson(settings)), "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /**
     * ACME: ticket closed after 4 h by jsmith, 2.5 h billable + 1.5 h not. BETA: ticket closed after 24 h by akim,
     * 4.0 h billable + 1.0 h no charge. SOC: two critical SentinelOne events at ACME, acknowledged after 10 min
     * (within 15) and after 30 min (a breach), both resolved within 4 h.
     */
    private void plantWeek(LocalDate monday) {
        KpiFixtures data = new KpiFixtures(tenant.tenant());
        long acme = data.company("ACME", "Acme Dental");
        long beta = data.company("BETA", "Beta Law");
        long jsmith = data.member("jsmith");
        long akim = data.member("akim");
        Instant mon9 = monday.atTime(9, 0).toInstant(ZoneOffset.UTC);
        Instant tue10 = monday.plusDays(1).atTime(10, 0).toInstant(ZoneOffset.UTC);
        long t1 = data.ticket(acme, mon9).category("Network", null, null).owner(jsmith).closed(mon9.plusSeconds(4 * 3600))
                .create();
        long t2 = data.ticket(beta, tue10).category("Email", null, null).owner(akim).closed(tue10.plusSeconds(24 * 3600))
                .create();
        data.timeEntry(t1, acme, jsmith, mon9, "2.5", "Remote", "Billable");
        data.timeEntry(t1, acme, jsmith, mon9.plusSeconds(3 * 3600), "1.5", "Remote", "DoNotBill");
        data.timeEntry(t2, beta, akim, tue10, "4.0", "Remote", "Billable");
        data.timeEntry(t2, beta, akim, tue10.plusSeconds(5 * 3600), "1.0", "Remote", "NoCharge");
        Instant wed = monday.plusDays(2).atTime(14, 0).toInstant(ZoneOffset.UTC);
        data.securityEvent("sentinelone", "ACME", "Acme Dental", "critical", "true_positive", wed,
                wed.plusSeconds(600), wed.plusSeconds(3600));
        data.securityEvent("sentinelone", "ACME", "Acme Dental", "critical", "true_positive", wed.plusSeconds(7200),
                wed.plusSeconds(7200 + 1800), wed.plusSeconds(7200 + 7200));
    }

    private JsonNode latest(String kpi) {
        var response = http.get("/kpi/" + kpi + "/latest");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static String hours(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "–" : String.format(Locale.ROOT, "%,.1f", value.decimalValue());
    }

    private static String money(JsonNode value) {
        return String.format(Locale.ROOT, "%,.2f", value.decimalValue());
    }

    private static String percent(JsonNode ratio) {
        return ratio.isNull() || ratio.isMissingNode() ? "–"
                : String.format(Locale.ROOT, "%.1f %%", ratio.decimalValue().movePointRight(2));
    }

    private static List<Part> leaves(Part part) throws Exception {
        List<Part> leaves = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                leaves.addAll(leaves(child));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    private static boolean isType(Part part, String type) {
        try {
            return part.isMimeType(type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String content(List<Part> parts, String type) throws Exception {
        Part part = parts.stream().filter(p -> isType(p, type)).findFirst().orElseThrow();
        return (String) part.getContent();
    }
}
