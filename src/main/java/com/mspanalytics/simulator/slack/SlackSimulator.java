package com.mspanalytics.simulator.slack;

import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.http.ServiceErrors;
import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.http.SimSecrets;
import com.mspanalytics.simulator.http.SimServer;
import com.mspanalytics.simulator.http.SimulatedService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Slack incoming webhook: {@code POST /services/T…/B…/X…} with JSON
 * {@code text}/{@code blocks}; 200 {@code ok}, 400 {@code invalid_payload} or {@code no_text}, 404 {@code no_service}
 * for an unknown hook. It keeps every message it accepted, and tests can script the next answers.
 */
public final class SlackSimulator implements SimulatedService {

    /** A scripted answer; {@code retryAfterSeconds} null sends no Retry-After. */
    public record Reply(int status, String body, Integer retryAfterSeconds) {}

    private final String hookPath;
    private final SimServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();

    private SlackSimulator(int port, Faults faults, long seed) {
        this.hookPath = "/services/T" + SimSecrets.of(seed, "slack-team", 8).toUpperCase() + "/B"
                + SimSecrets.of(seed, "slack-bot", 10).toUpperCase() + "/" + SimSecrets.of(seed, "slack-hook", 24);
        this.server = SimServer.start(port, faults, new Errors(), this::handle);
    }

    public static SlackSimulator start(int port, Faults faults, long seed) {
        return new SlackSimulator(port, faults, seed);
    }

    @Override
    public String name() { return "slack"; }

    @Override
    public SimServer server() { return server; }

    @Override
    public Map<String, String> connectorSettings() {
        return Map.of("webhookUrl", server.baseUrl() + hookPath);
    }

    /** Queue answers for the next posts, before the normal behaviour resumes. */
    public void script(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** The JSON bodies of the messages accepted with 200 ok, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    private SimResponse handle(SimRequest request) {
        if (!request.method().equals("POST") || !request.path().equals(hookPath)) return SimResponse.text(404, "no_service");
        Reply scripted = script.poll();
        if (scripted != null) {
            var response = SimResponse.text(scripted.status(), scripted.body());
            return scripted.retryAfterSeconds() == null ? response
                    : response.withHeader("Retry-After", String.valueOf(scripted.retryAfterSeconds()));
        }
        JsonNode body;
        try {
            body = SimResponse.JSON.readTree(request.body());
        } catch (JacksonException e) {
            return SimResponse.text(400, "invalid_payload");
        }
        if (!body.isObject()) return SimResponse.text(400, "invalid_payload");
        if (body.path("text").asText("").isBlank() && !body.path("blocks").isArray()) return SimResponse.text(400, "no_text");
        messages.add(request.bodyText());
        return SimResponse.text(200, "ok");
    }

    /** 429 carries a small JSON body and Retry-After (rate-limits doc); 5xx is Slack's rollup_error. */
    private static final class Errors implements ServiceErrors {
        @Override
        public SimResponse tooManyRequests(int retryAfterSeconds) {
            return SimResponse.json(429, Map.of("ok", false, "error", "rate_limited"))
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }

        @Override
        public SimResponse serverError() {
            return SimResponse.text(500, "rollup_error");
        }
    }
}
