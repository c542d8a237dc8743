package com.mspanalytics.llm;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.outbound.OutboundUrlRejected;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * One Messages API call ({@link AnthropicMessages}), retried as {@link AnthropicRetries} says (408, 409, 429 and
 * 5xx/529, honouring {@code retry-after}; {@code msp.llm.max-retries} times, {@code msp.llm.timeout} per attempt),
 * its failures turned into {@link LlmUnavailable}: what is left after the retries is reported, never thrown raw.
 *
 * <p>The base URL passes {@link OutboundUrlPolicy} before every call (https to public addresses in production), and
 * the request goes through {@link OutboundHttp}, as every connector's does: the connection goes only to an address
 * the policy vetted, so a host that changes its DNS answer between the check and the connection (DNS rebinding)
 * gets none; redirects are not followed and no system proxy is used.
 */
@Component
class Claude {

    private static final Logger log = LoggerFactory.getLogger(Claude.class);

    private final LlmProperties properties;
    private final OutboundUrlPolicy urlPolicy;
    private final AnthropicMessages messages;
    private final RetryConfig retries;

    Claude(LlmProperties properties, OutboundUrlPolicy urlPolicy, OutboundHttp http) {
        this.properties = properties;
        this.urlPolicy = urlPolicy;
        this.messages = new AnthropicMessages(http);
        this.retries = AnthropicRetries.config(properties.maxRetries());
    }

    /** Claude's answer, what it used and the request id Anthropic gave the call (null if it sent none). */
    record Reply(String text, String model, long inputTokens, long outputTokens, String requestId) {
    }

    /** @throws LlmUnavailable when the address is refused or the call fails after the retries */
    Reply ask(ClaudeAccount account, KpiPrompt prompt) {
        URI endpoint = AnthropicMessages.endpoint(vet(account.baseUrl()));
        AnthropicMessages.Request request = new AnthropicMessages.Request(account.model(),
                properties.maxOutputTokens(), prompt);
        try {
            return Retry.of("anthropic", retries).executeSupplier(
                    () -> messages.create(endpoint, account.apiKey(), request, properties.timeout()));
        } catch (OutboundUrlRejected e) {
            // Refused when connecting: the host's DNS answer changed since the check above.
            throw LlmUnavailable.urlRefused(e.getMessage());
        } catch (AnthropicError e) {
            log.warn("Claude answered HTTP {} ({}), request {}", e.status(), e.errorType().orElse("no error type"),
                    e.requestId().orElse("unknown"));
            throw unavailable(account, e);
        } catch (UncheckedIOException | JacksonException | AnthropicMessages.AnthropicUnreadable e) {
            // Connection failures, timeouts and unreadable answers; the message may quote the answer, so it is not logged.
            log.warn("Claude call failed: {}", e.getClass().getSimpleName());
            throw LlmUnavailable.unreachable();
        }
    }

    private static LlmUnavailable unavailable(ClaudeAccount account, AnthropicError e) {
        int status = e.status();
        if (status == 401 || status == 403) {
            return LlmUnavailable.keyRefused(account, status);
        }
        if (status == 429 || status >= 500) {
            return LlmUnavailable.busy(status, e.retryAfterSeconds());
        }
        return LlmUnavailable.refused(status, e.errorType().orElse(null));
    }

    private URI vet(String baseUrl) {
        try {
            URI uri = new URI(baseUrl);
            urlPolicy.check(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw LlmUnavailable.urlRefused("it is not a valid URL");
        } catch (OutboundUrlRejected e) {
            throw LlmUnavailable.urlRefused(e.getMessage());
        }
    }
}
