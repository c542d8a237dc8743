package com.mspanalytics.simulator.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicSimulatorTests {

    static final Simulators SIM = TestSimulators.SHARED;
    static final Map<String, String> SETTINGS = SIM.connectorSettings().get("anthropic");

    static final String PROMPT = "Northwind raised 18 tickets this week against a mean of 6. Summarise for the account manager.";

    /** What the application's Claude client sends (llm.AnthropicMessages): x-api-key, anthropic-version, JSON body. */
    static String messagesRequest() {
        return "{\"model\":\"" + SETTINGS.get("model") + "\",\"max_tokens\":256,\"system\":\"You are an MSP analyst.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    static java.net.http.HttpResponse<String> send(Map<String, String> settings) {
        return Http.post(settings.get("baseUrl") + "/v1/messages", messagesRequest(), "x-api-key", settings.get("apiKey"),
                "anthropic-version", "2023-06-01", "content-type", "application/json");
    }

    // The official SDK's OkHttp client is gone with the SDK: the checks below send the wire format of the
    // application's own client, and ClaudeTests runs that client itself against this simulator.
    @Test
    void theMessagesWireFormatGetsAMessageAndItsUsage() {
        var response = send(SETTINGS);
        assertThat(response.statusCode()).isEqualTo(200);
        var message = Http.json(response);
        String text = message.get("content").get(0).get("text").asText();
        assertThat(text).startsWith("Summary: Northwind raised 18 tickets this week").contains("18, 6");
        assertThat(message.get("usage").get("input_tokens").asLong()).isEqualTo(Tokens.count("You are an MSP analyst.") + 3 + 4
                + Tokens.count(PROMPT));
        assertThat(message.get("usage").get("output_tokens").asLong()).isEqualTo(Tokens.count(text));
        assertThat(Http.json(send(SETTINGS)).get("id").asText()).isEqualTo(message.get("id").asText());
        var requests = SIM.requests("anthropic");
        var headers = requests.get(requests.size() - 1).headers();
        assertThat(headers.get("x-api-key")).as("the log never holds the secret").isEqualTo("****");
        assertThat(headers).containsKey("anthropic-version");
    }

    @Test
    void rateLimitsAndOverloadHaveTheirStatusAndType() {
        try (var sims = TestSimulators.start()) {
            var settings = sims.connectorSettings().get("anthropic");
            sims.faults("anthropic").rateLimitEvery(1, 7);
            assertThat(send(settings).statusCode()).isEqualTo(429);
            var limited = Http.post(settings.get("baseUrl") + "/v1/messages", "{}", "x-api-key", settings.get("apiKey"));
            assertThat(limited.headers().firstValue("retry-after")).contains("7");
            assertThat(Http.json(limited).get("error").get("type").asText()).isEqualTo("rate_limit_error");
            sims.faults("anthropic").clear().serverErrorRate(1.0);
            var overloaded = send(settings);
            assertThat(overloaded.statusCode()).isEqualTo(529);
            assertThat(Http.json(overloaded).get("error").get("type").asText()).isEqualTo("overloaded_error");
        }
    }

    @Test
    void rateLimitNextScriptsAnExactRunOf429s() {
        try (var sims = TestSimulators.start()) {
            var settings = sims.connectorSettings().get("anthropic");
            String url = settings.get("baseUrl") + "/v1/messages";
            String body = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
            sims.anthropic().rateLimitNext(2, 3);
            for (int expected : new int[] {429, 429, 200}) {
                var response = Http.post(url, body, "x-api-key", settings.get("apiKey"), "anthropic-version", "2023-06-01");
                assertThat(response.statusCode()).isEqualTo(expected);
                if (expected == 429) {
                    assertThat(response.headers().firstValue("retry-after")).contains("3");
                }
            }
        }
    }

    @Test
    void errorsHaveTheDocumentedShape() {
        String url = SETTINGS.get("baseUrl") + "/v1/messages";
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, how are things going today?\"}]}";
        var noVersion = Http.post(url, body, "x-api-key", SETTINGS.get("apiKey"), "content-type", "application/json");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(Http.json(noVersion).get("type").asText()).isEqualTo("error");
        assertThat(Http.json(noVersion).get("error").get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(Http.json(noVersion).get("request_id").asText()).startsWith("req_");
        var badKey = Http.post(url, body, "x-api-key", "nope", "anthropic-version", "2023-06-01");
        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(Http.json(badKey).get("error").get("type").asText()).isEqualTo("authentication_error");
        var truncated = Http.json(Http.post(url, body, "x-api-key", SETTINGS.get("apiKey"), "anthropic-version", "2023-06-01"));
        assertThat(truncated.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(truncated.get("usage").get("output_tokens").asInt()).isLessThanOrEqualTo(5);
    }
}
