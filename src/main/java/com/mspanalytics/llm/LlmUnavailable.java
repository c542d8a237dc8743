package com.mspanalytics.llm;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No summary can be written now: a 503 problem saying why and what to do. Callers outside HTTP (the digest)
 * catch it and fall back to a text of their own. The detail never holds a key, a prompt or Claude's own message.
 */
public class LlmUnavailable extends ErrorResponseException {

    private final String outcome;

    private LlmUnavailable(String outcome, String title, String detail, Map<String, Object> properties,
            Long retryAfterSeconds) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(outcome, title, detail, properties), null);
        this.outcome = outcome;
        if (retryAfterSeconds != null) {
            getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
    }

    /** The {@code outcome} tag of the calls metric, and the last part of the problem type. */
    public String outcome() {
        return outcome;
    }

    static LlmUnavailable notConfigured() {
        return new LlmUnavailable("not-configured", "No LLM configured", "No LLM is configured for this tenant. "
                + "Store Anthropic credentials with PUT /settings/connectors/anthropic "
                + "({\"apiKey\":\"sk-ant-…\",\"model\":\"" + LlmProperties.DEFAULT_MODEL + "\"}), "
                + "or set ANTHROPIC_API_KEY on the server for every tenant without its own.", Map.of(), null);
    }

    static LlmUnavailable misconfigured(String detail) {
        return new LlmUnavailable("misconfigured", "LLM misconfigured", detail, Map.of(), null);
    }

    static LlmUnavailable budgetSpent(long used, long budget, long secondsToNextMonth) {
        return new LlmUnavailable("budget-exhausted", "Monthly LLM token budget spent", "This tenant has used "
                + used + " of its " + budget + " LLM tokens this month; summaries resume next month, or raise "
                + "monthlyTokenBudget with PUT /settings/connectors/anthropic.",
                Map.of("tokensUsed", used, "monthlyTokenBudget", budget), secondsToNextMonth);
    }

    static LlmUnavailable keyRefused(ClaudeAccount account, int status) {
        return new LlmUnavailable("key-refused", "LLM key refused", "Anthropic refused the API key configured in "
                + account.configuredBy() + " (HTTP " + status + "). Replace it with a valid key.", Map.of(), null);
    }

    /** 429 or 5xx/529 still there after the retries. */
    static LlmUnavailable busy(int status, Long retryAfterSeconds) {
        String what = status == 429 ? "rate limiting this account" : status == 529 ? "overloaded" : "failing";
        return new LlmUnavailable(status == 429 ? "rate-limited" : "overloaded", "LLM busy", "Claude is " + what
                + " (HTTP " + status + ", after retries); try again later.", Map.of("upstreamStatus", status),
                retryAfterSeconds);
    }

    static LlmUnavailable refused(int status, String errorType) {
        return new LlmUnavailable("refused", "LLM request refused", "Claude refused the request (HTTP " + status
                + (errorType == null ? "" : ", " + errorType) + "); check the model name and the account's limits.",
                Map.of("upstreamStatus", status), null);
    }

    static LlmUnavailable unreachable() {
        return new LlmUnavailable("unreachable", "LLM unreachable",
                "Claude could not be reached (connection failure or timeout); try again later.", Map.of(), null);
    }

    static LlmUnavailable urlRefused(String reason) {
        return new LlmUnavailable("url-refused", "LLM address refused", "The configured Anthropic base URL is "
                + "refused: " + reason + ".", Map.of(), null);
    }

    private static ProblemDetail problem(String outcome, String title, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(URI.create("urn:msp-analytics:problem:llm-" + outcome));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
