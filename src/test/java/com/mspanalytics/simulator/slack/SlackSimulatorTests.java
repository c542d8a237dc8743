package com.mspanalytics.simulator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.TestSimulators;
import org.junit.jupiter.api.Test;

class SlackSimulatorTests {

    @Test
    void acceptsRecordsAndFollowsItsScript() {
        try (var sims = TestSimulators.start()) {
            String hook = sims.connectorSettings().get("slack").get("webhookUrl");
            assertThat(hook).matches("http://127\\.0\\.0\\.1:\\d+/services/T[0-9A-F]+/B[0-9A-F]+/[0-9a-f]+");
            var ok = Http.post(hook, "{\"text\":\"*Northwind* ticket spike\"}", "Content-Type", "application/json");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("ok");
            assertThat(sims.slack().messages()).containsExactly("{\"text\":\"*Northwind* ticket spike\"}");

            sims.slack().script(new SlackSimulator.Reply(429, "{\"ok\":false}", 3), new SlackSimulator.Reply(500, "rollup_error", null));
            var limited = Http.post(hook, "{\"text\":\"again\"}");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("3");
            assertThat(Http.post(hook, "{\"text\":\"again\"}").body()).isEqualTo("rollup_error");
            assertThat(Http.post(hook, "{\"text\":\"again\"}").statusCode()).isEqualTo(200);

            assertThat(Http.post(hook, "not json").body()).isEqualTo("invalid_payload");
            assertThat(Http.post(hook, "{\"username\":\"x\"}").body()).isEqualTo("no_text");
            var wrongHook = Http.post(hook.substring(0, hook.lastIndexOf('/')) + "/nope", "{\"text\":\"x\"}");
            assertThat(wrongHook.statusCode()).isEqualTo(404);
            assertThat(wrongHook.body()).isEqualTo("no_service");
            assertThat(sims.requests("slack")).extracting(r -> r.status()).containsExactly(200, 429, 500, 200, 400, 400, 404);
        }
    }
}
