package com.mspanalytics.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.OutboundUrlRejected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attempt at {@code POST {baseUrl}/v1/messages}, Anthropic's Messages API (a JSON request of model, system,
 * messages and max_tokens; a reply of content blocks and token usage),
 * sent through {@link OutboundHttp}: the URL is checked, the connection goes only to an address the SSRF policy vetted
 * (no DNS rebinding), redirects are not followed and nothing is retried here ({@link AnthropicRetries} decides that).
 * Only the non-streaming call with one user message, which is all a summary needs.
 */
final class AnthropicMessages {

    static final String API_VERSION = "2023-06-01";

    /** A mapper of its own: the wire format must not change with the application's JSON settings. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundHttp http;

    AnthropicMessages(OutboundHttp http) {
        this.http = http;
    }

    /** The request body; {@code system} and the user's one message as plain strings. */
    record Request(String model, @JsonProperty("max_tokens") int maxTokens, String system, List<Message> messages) {

        Request(String model, int maxTokens, KpiPrompt prompt) {
            this(model, maxTokens, prompt.system(), List.of(new Message("user", prompt.user())));
        }

        record Message(String role, String content) {
        }
    }

    /** {@code https://host/base} + {@code /v1/messages}; a trailing slash of the base URL is not doubled. */
    static URI endpoint(URI baseUrl) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/messages");
    }

    /**
     * @param timeout for the whole attempt, the answer's body included: waiting longer than that for any byte gives
     *        up at once, and an answer still arriving when it ends is cut off
     * @return Claude's text (its text blocks joined), the model and usage it reports, and the {@code request-id}
     * @throws AnthropicError when Anthropic answers anything but a 2xx
     * @throws UncheckedIOException when no complete answer came (no connection, a timeout, a cut-off body)
     * @throws OutboundUrlRejected when the address the host resolves to now is refused
     * @throws JacksonException when a 2xx answer is not the JSON of a message
     */
    Claude.Reply create(URI endpoint, String apiKey, Request request, Duration timeout) {
        HttpPost post = new HttpPost(endpoint);
        post.addHeader("x-api-key", apiKey);
        post.addHeader("anthropic-version", API_VERSION);
        post.addHeader("accept", "application/json");
        post.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(request), ContentType.APPLICATION_JSON));
        // The response timeout bounds each wait for a byte; this deadline bounds the attempt, as msp.llm.timeout says.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(post::cancel,
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (ClassicHttpResponse response = http.send(post, timeout)) {
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            String requestId = header(response, "request-id");
            if (response.getCode() / 100 != 2) {
                throw new AnthropicError(response.getCode(), errorType(body), requestId,
                        header(response, "retry-after-ms"), header(response, "retry-after"),
                        header(response, "x-should-retry"));
            }
            return reply(JSON.readTree(body), requestId);
        } catch (IOException e) {
            OutboundUrlRejected refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new UncheckedIOException(e);
        } finally {
            deadline.cancel(false);
        }
    }

    private static Claude.Reply reply(JsonNode message, String requestId) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asString("").equals("text")) {
                text.append(block.path("text").asString(""));
            }
        }
        JsonNode usage = message.path("usage");
        if (!message.path("model").isString() || !usage.path("input_tokens").isIntegralNumber()
                || !usage.path("output_tokens").isIntegralNumber()) {
            throw new AnthropicUnreadable("the answer has no model or no token usage");
        }
        return new Claude.Reply(text.toString().strip(), message.path("model").asString(),
                usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(), requestId);
    }

    /** {@code error.type} of {@code {"type":"error","error":{"type":..,"message":..}}}; null for any other body. */
    private static String errorType(byte[] body) {
        try {
            JsonNode type = JSON.readTree(body).path("error").path("type");
            return type.isString() ? type.asString() : null;
        } catch (JacksonException e) {
            return null;   // e.g. a proxy's HTML page in front of the API
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** A refusal of the address a connection resolved, which the HTTP client reports wrapped in an I/O failure. */
    private static OutboundUrlRejected refusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OutboundUrlRejected refused) {
                return refused;
            }
        }
        return null;
    }

    /** A 2xx answer that is JSON but not a message: nothing to summarise with, and no point asking again. */
    static final class AnthropicUnreadable extends RuntimeException {

        AnthropicUnreadable(String message) {
            super(message);
        }
    }
}
