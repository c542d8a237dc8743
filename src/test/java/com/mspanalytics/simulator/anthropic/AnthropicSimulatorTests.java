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

    static final String PROMPT = "Brief the ticket-trends result below.\n<kpi_result_data>\n{\"kpi\":\"ticket-trends\","
            + "\"summary\":{\"granularity\":\"week\",\"keysEligible\":24,\"anomalies\":2,\"spikes\":2},\"rowCount\":2,"
            + "\"rows\":[{\"dimension\":\"client\",\"key\":\"Northwind\",\"count\":18}]}\n</kpi_result_data>";

    /** What the application's Claude client sends (llm.AnthropicMessages): x-api-key, anthropic-version, JSON body. */
    static String messagesRequest() {
        return "{\"model\":\"" + SETTINGS.get("model") + "\",\"max_tokens\":256,\"system\":\"You are an MSP analyst.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":"
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(PROMPT) + "}]}";
    }

    static java.net.http.HttpResponse<String> send(Map<String, String> settings) {
        return Http.post(settings.get("baseUrl") + "/v1/messages", messagesRequest(), "x-api-key", settings.get("apiKey"),
                "anthropic-version", "2023-06-01", "content-type", "application/json");
    }

    // The official SDK's OkHttp client is gone with the SDK: the checks below send the wire format of the
    // application's own client, and ClaudeTests runs that client itself against this simulator.
    @Test
    void briefsASalesResultFromItsFiguresAndSaysSoWhenThereAreNone() {
        String sales = Briefs.write("Brief the sales-opportunities result below.\n<kpi_result_data>\n"
                + "{\"kpi\":\"sales-opportunities\",\"summary\":{\"opportunities\":9,\"clients\":7,"
                + "\"totalCostToMsp\":7080.00,\"currency\":\"CAD\"},\"rowCount\":9,\"rows\":[{\"client\":\"Fabrikam\","
                + "\"category\":\"Printing\",\"ticketCount\":12,\"hours\":18.50,\"ratio\":3.2,"
                + "\"offering\":\"Managed print\"}]}\n</kpi_result_data>");

        assertThat(sales).isEqualTo("9 recurring problems at 7 clients cost 7080.00 CAD of tech time. The strongest is "
                + "Fabrikam: 12 Printing tickets (18.50 h), about 3.2 times what its size predicts. Next step: offer "
                + "Managed print at its next account review.");
        assertThat(Briefs.write("Northwind raised 18 tickets.")).isEqualTo("There are no figures in the request to brief on.");
    }

    @Test
    void theMessagesWireFormatGetsAMessageAndItsUsage() {
        var response = send(SETTINGS);
        assertThat(response.statusCode()).isEqualTo(200);
        var message = Http.json(response);
        String text = message.get("content").get(0).get("text").asText();
        // a brief written from the block's figures, not an echo of the request
        assertThat(text).isEqualTo("Ticket trends: keys eligible 24, anomalies 2, spikes 2. 2 rows, first client. "
                + "Next step: go through the top rows with the service manager.");
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
