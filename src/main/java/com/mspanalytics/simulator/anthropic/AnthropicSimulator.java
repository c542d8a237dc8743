package com.mspanalytics.simulator.anthropic;

import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.http.ServiceErrors;
import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.http.SimSecrets;
import com.mspanalytics.simulator.http.SimServer;
import com.mspanalytics.simulator.http.SimulatedService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The Anthropic Messages API: {@code POST /v1/messages} with {@code x-api-key} (or a
 * Bearer token) and a required {@code anthropic-version}. The reply is built from the request alone (its first
 * sentence and the figures it quotes), so the same prompt always gets the same answer, with {@link Tokens} counts
 * in {@code usage}, {@code max_tokens} and {@code stop_sequences} honoured. Faults answer 429 {@code rate_limit_error}
 * with {@code retry-after} and 529 {@code overloaded_error}; {@link #rateLimitNext} scripts an exact run of 429s.
 */
public final class AnthropicSimulator implements SimulatedService {

    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";

    private final String apiKey;
    private final SimServer server;
    private final AtomicInteger rateLimitedToCome = new AtomicInteger();
    private volatile int scriptedRetryAfterSeconds;

    private AnthropicSimulator(int port, Faults faults, long seed) {
        this.apiKey = "sk-ant-sim-" + SimSecrets.of(seed, "anthropic-key", 40);
        this.server = SimServer.start(port, faults, new Errors(), this::handle);
    }

    public static AnthropicSimulator start(int port, Faults faults, long seed) {
        return new AnthropicSimulator(port, faults, seed);
    }

    @Override
    public String name() { return "anthropic"; }

    @Override
    public SimServer server() { return server; }

    @Override
    public Map<String, String> connectorSettings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("apiKey", apiKey);
        settings.put("model", DEFAULT_MODEL);
        settings.put("baseUrl", server.baseUrl());
        settings.put("monthlyTokenBudget", "2000000");
        return settings;
    }

    /**
     * The next {@code times} requests are answered 429 {@code rate_limit_error} with {@code retry-after: seconds},
     * then service resumes: a deterministic "rate limited, then fine" for retry tests, whatever the request count.
     */
    public AnthropicSimulator rateLimitNext(int times, int retryAfterSeconds) {
        scriptedRetryAfterSeconds = retryAfterSeconds;
        rateLimitedToCome.set(times);
        return this;
    }

    private SimResponse handle(SimRequest request) {
        if (rateLimitedToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Errors().tooManyRequests(scriptedRetryAfterSeconds);
        }
        if (!request.path().equals("/v1/messages")) return error(404, "not_found_error", "Not Found");
        if (!request.method().equals("POST")) return error(405, "invalid_request_error", "Method Not Allowed");
        String key = request.header("x-api-key");
        String bearer = request.header("Authorization");
        boolean authenticated = apiKey.equals(key) || ("Bearer " + apiKey).equals(bearer);
        if (key == null && bearer == null) return error(401, "authentication_error", "x-api-key header is required");
        if (!authenticated) return error(401, "authentication_error", "invalid x-api-key");
        if (request.header("anthropic-version") == null) {
            return error(400, "invalid_request_error", "anthropic-version: header is required");
        }
        JsonNode body;
        try {
            body = SimResponse.JSON.readTree(request.body());
        } catch (JacksonException e) {
            return error(400, "invalid_request_error", "There was an issue with the request body: not valid JSON");
        }
        if (!body.path("model").isString()) return error(400, "invalid_request_error", "model: Field required");
        if (!body.path("max_tokens").isIntegralNumber()) return error(400, "invalid_request_error", "max_tokens: Field required");
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return error(400, "invalid_request_error", "messages: at least one message is required");
        }
        if (body.path("stream").asBoolean(false)) {
            return error(400, "invalid_request_error", "stream: streaming is not supported by this simulator");
        }
        return reply(body);
    }

    private SimResponse reply(JsonNode body) {
        int inputTokens = 3 + Tokens.count(text(body.path("system")));
        String lastUser = "";
        for (JsonNode message : body.path("messages")) {
            String content = text(message.path("content"));
            inputTokens += 4 + Tokens.count(content);
            if (message.path("role").asText().equals("user")) lastUser = content;
        }
        String answer = Briefs.write(lastUser);
        String stopReason = "end_turn";
        String stopSequence = null;
        for (JsonNode stop : body.path("stop_sequences")) {
            int at = answer.indexOf(stop.asText());
            if (at >= 0) {
                answer = answer.substring(0, at);
                stopReason = "stop_sequence";
                stopSequence = stop.asText();
            }
        }
        int maxTokens = body.path("max_tokens").asInt();
        if (Tokens.count(answer) > maxTokens) {
            answer = truncate(answer, maxTokens);
            stopReason = "max_tokens";
            stopSequence = null;
        }
        String digest = UUID.nameUUIDFromBytes(body.toString().getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        var message = new LinkedHashMap<String, Object>();
        message.put("id", "msg_sim" + digest.substring(0, 20));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", body.path("model").asText());
        message.put("content", List.of(Map.of("type", "text", "text", answer)));
        message.put("stop_reason", stopReason);
        message.put("stop_sequence", stopSequence);
        message.put("usage", Map.of("input_tokens", inputTokens, "output_tokens", Tokens.count(answer)));
        return SimResponse.json(200, message).withHeader("request-id", "req_sim" + digest.substring(12));
    }

    private static String truncate(String text, int maxTokens) {
        var words = text.split(" ");
        var kept = new StringBuilder();
        for (String word : words) {
            String candidate = kept.isEmpty() ? word : kept + " " + word;
            if (Tokens.count(candidate) > maxTokens) break;
            kept.setLength(0);
            kept.append(candidate);
        }
        return kept.toString();
    }

    private static String text(JsonNode content) {
        if (content.isString()) return content.stringValue();
        var text = new StringBuilder();
        for (JsonNode block : content) if (block.path("type").asText().equals("text")) text.append(block.path("text").asText()).append('\n');
        return text.toString();
    }

    static SimResponse error(int status, String type, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "error");
        body.put("error", Map.of("type", type, "message", message));
        String requestId = "req_sim" + UUID.nameUUIDFromBytes((type + message).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 20);
        body.put("request_id", requestId);
        return SimResponse.json(status, body).withHeader("request-id", requestId);
    }

    private static final class Errors implements ServiceErrors {
        @Override
        public SimResponse tooManyRequests(int retryAfterSeconds) {
            return error(429, "rate_limit_error", "Number of requests has exceeded your per-minute rate limit.")
                    .withHeader("retry-after", String.valueOf(retryAfterSeconds));
        }

        @Override
        public SimResponse serverError() {
            return error(529, "overloaded_error", "Overloaded");
        }
    }
}
