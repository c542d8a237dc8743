package com.mspanalytics.llm;

import com.anthropic.backends.AnthropicBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.outbound.OutboundUrlRejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One Messages API call through the official SDK, its failures turned into {@link LlmUnavailable}. The SDK retries
 * 408, 409, 429 and 5xx (529 included) itself, honouring {@code retry-after}; what is left after its retries is
 * reported, never thrown raw.
 *
 * <p>The base URL passes {@link OutboundUrlPolicy} before every call (https to public addresses in production), and
 * the SDK talks HTTP through {@link OutboundHttp} ({@link AnthropicHttp}) rather than its own OkHttp client, as
 * every connector does: connections go only to addresses the policy vetted, so a host that changes its DNS answer
 * between the check and the connection (DNS rebinding) gets none; redirects are not followed and no system proxy
 * is used.
 */
@Component
class Claude {

    private static final Logger log = LoggerFactory.getLogger(Claude.class);

    private final LlmProperties properties;
    private final OutboundUrlPolicy urlPolicy;
    private final OutboundHttp http;

    Claude(LlmProperties properties, OutboundUrlPolicy urlPolicy, OutboundHttp http) {
        this.properties = properties;
        this.urlPolicy = urlPolicy;
        this.http = http;
    }

    /** Claude's answer, what it used and the request id Anthropic gave the call (null if it sent none). */
    record Reply(String text, String model, long inputTokens, long outputTokens, String requestId) {
    }

    /** @throws LlmUnavailable when the address is refused or the call fails after the SDK's retries */
    Reply ask(ClaudeAccount account, KpiPrompt prompt) {
        vet(account.baseUrl());
        MessageCreateParams params = MessageCreateParams.builder()
                .model(account.model())
                .maxTokens(properties.maxOutputTokens())
                .system(prompt.system())
                .addUserMessage(prompt.user())
                .build();
        // A client per call: it holds the key, and a tenant's key should not outlive the call in memory.
        AnthropicClient client = client(account);
        try (HttpResponseFor<Message> response = client.messages().withRawResponse().create(params)) {
            Message message = response.parse();
            String text = message.content().stream().flatMap(block -> block.text().stream()).map(TextBlock::text)
                    .collect(Collectors.joining()).strip();
            return new Reply(text, message.model().asString(), message.usage().inputTokens(),
                    message.usage().outputTokens(), response.requestId().orElse(null));
        } catch (OutboundUrlRejected e) {
            // Refused when connecting: the host's DNS answer changed since the check above.
            throw LlmUnavailable.urlRefused(e.getMessage());
        } catch (UnauthorizedException | PermissionDeniedException e) {
            throw failed(e, LlmUnavailable.keyRefused(account, e.statusCode()));
        } catch (RateLimitException | InternalServerException e) {
            throw failed(e, LlmUnavailable.busy(e.statusCode(), retryAfterSeconds(e)));
        } catch (AnthropicServiceException e) {
            throw failed(e, LlmUnavailable.refused(e.statusCode(), e.errorType().map(ErrorType::asString).orElse(null)));
        } catch (AnthropicException e) {
            // Connection failures, timeouts and unreadable answers; the message may quote the answer, so it is not logged.
            log.warn("Claude call failed: {}", e.getClass().getSimpleName());
            throw LlmUnavailable.unreachable();
        } finally {
            client.close();
        }
    }

    /**
     * What {@code AnthropicOkHttpClient.builder().baseUrl(..).apiKey(..).build()} assembles (the Anthropic backend,
     * its base URL, telemetry names and credentials), over {@link AnthropicHttp} instead of OkHttp. The SDK's
     * defaults stand for the rest: JSON mapper, clock, sleeper and executors. {@code ClientOptions.backend} is not
     * callable from Java; the SDK reads it only to ask whether beta message threads are supported, which unset
     * answers as the Anthropic backend does (yes).
     */
    private AnthropicClient client(ClaudeAccount account) {
        AnthropicBackend backend = AnthropicBackend.builder().baseUrl(account.baseUrl()).apiKey(account.apiKey()).build();
        AnthropicHttp transport = new AnthropicHttp(http, backend);
        ClientOptions.Builder options = ClientOptions.builder()
                .httpClient(transport)
                .baseUrl(backend.baseUrl())
                .openTelemetryProviderName(backend.openTelemetryProviderName())
                .openTelemetryPlatform(backend.openTelemetryPlatform())
                .maxRetries(properties.maxRetries())
                .timeout(properties.timeout());
        backend.applyCredentials(transport, options);
        return new AnthropicClientImpl(options.build());
    }

    private void vet(String baseUrl) {
        try {
            urlPolicy.check(new URI(baseUrl));
        } catch (URISyntaxException e) {
            throw LlmUnavailable.urlRefused("it is not a valid URL");
        } catch (OutboundUrlRejected e) {
            throw LlmUnavailable.urlRefused(e.getMessage());
        }
    }

    /** Logs what Anthropic said about a failed call: status, error type and request id, never its message. */
    private static LlmUnavailable failed(AnthropicServiceException e, LlmUnavailable problem) {
        log.warn("Claude answered HTTP {} ({}), request {}", e.statusCode(),
                e.errorType().map(ErrorType::asString).orElse("no error type"), e.requestId().orElse("unknown"));
        return problem;
    }

    /** Seconds of the upstream {@code retry-after}, when it gave whole seconds. */
    private static Long retryAfterSeconds(AnthropicServiceException e) {
        return e.headers().values("retry-after").stream().findFirst().map(String::strip)
                .filter(value -> value.matches("\\d{1,6}")).map(Long::valueOf).orElse(null);
    }
}
