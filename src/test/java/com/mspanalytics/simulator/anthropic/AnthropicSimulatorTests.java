package com.mspanalytics.simulator.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import com.mspanalytics.simulator.Http;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnthropicSimulatorTests {

    static final Simulators SIM = TestSimulators.SHARED;
    static final Map<String, String> SETTINGS = SIM.connectorSettings().get("anthropic");

    static MessageCreateParams params() {
        return MessageCreateParams.builder().model(SETTINGS.get("model")).maxTokens(256L)
                .system("You are an MSP analyst.")
                .addUserMessage("Northwind raised 18 tickets this week against a mean of 6. Summarise for the account manager.")
                .build();
    }

    @Test
    void theOfficialSdkGetsAMessageAndItsUsage() {
        var client = AnthropicOkHttpClient.builder().baseUrl(SETTINGS.get("baseUrl")).apiKey(SETTINGS.get("apiKey"))
                .maxRetries(0).build();
        Message message = client.messages().create(params());
        String text = message.content().stream().flatMap(b -> b.text().stream()).map(TextBlock::text).collect(Collectors.joining());
        assertThat(text).startsWith("Summary: Northwind raised 18 tickets this week").contains("18, 6");
        assertThat(message.usage().inputTokens()).isEqualTo(Tokens.count("You are an MSP analyst.") + 3 + 4
                + Tokens.count("Northwind raised 18 tickets this week against a mean of 6. Summarise for the account manager."));
        assertThat(message.usage().outputTokens()).isEqualTo(Tokens.count(text));
        assertThat(client.messages().create(params()).id()).isEqualTo(message.id());
        var requests = SIM.requests("anthropic");
        var sdkHeaders = requests.get(requests.size() - 1).headers();
        // the SDK (3.14.0) sends its key as a Bearer token; either way the log never holds the secret
        assertThat(sdkHeaders.getOrDefault("x-api-key", sdkHeaders.get("Authorization"))).isEqualTo("****");
        assertThat(sdkHeaders).containsKey("anthropic-version");
    }

    @Test
    void sdkSurfacesRateLimitsAndOverload() {
        try (var sims = TestSimulators.start()) {
            var settings = sims.connectorSettings().get("anthropic");
            var client = AnthropicOkHttpClient.builder().baseUrl(settings.get("baseUrl")).apiKey(settings.get("apiKey"))
                    .maxRetries(0).build();
            sims.faults("anthropic").rateLimitEvery(1, 7);
            assertThatThrownBy(() -> client.messages().create(params())).isInstanceOf(RateLimitException.class);
            var limited = Http.post(settings.get("baseUrl") + "/v1/messages", "{}", "x-api-key", settings.get("apiKey"));
            assertThat(limited.headers().firstValue("retry-after")).contains("7");
            assertThat(Http.json(limited).get("error").get("type").asText()).isEqualTo("rate_limit_error");
            sims.faults("anthropic").clear().serverErrorRate(1.0);
            assertThatThrownBy(() -> client.messages().create(params())).isInstanceOf(InternalServerException.class)
                    .satisfies(e -> assertThat(((InternalServerException) e).statusCode()).isEqualTo(529));
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
