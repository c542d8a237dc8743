package com.mspanalytics.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Anthropic answered a Messages call with a status other than 2xx. It keeps what the API said about the failure
 * (status, {@code error.type}, {@code request-id}, when to retry), never its {@code error.message}, which may quote
 * the request.
 */
final class AnthropicError extends RuntimeException {

    private final int status;
    private final String errorType;
    private final String requestId;
    private final String retryAfterMs;
    private final String retryAfter;
    private final String shouldRetry;

    /** The last four as Anthropic sent them: {@code request-id}, {@code retry-after-ms}, {@code retry-after}, {@code x-should-retry}. */
    AnthropicError(int status, String errorType, String requestId, String retryAfterMs, String retryAfter,
            String shouldRetry) {
        super("Anthropic answered HTTP " + status + (errorType == null ? "" : " (" + errorType + ")"));
        this.status = status;
        this.errorType = errorType;
        this.requestId = requestId;
        this.retryAfterMs = retryAfterMs;
        this.retryAfter = retryAfter;
        this.shouldRetry = shouldRetry;
    }

    int status() {
        return status;
    }

    /** {@code error.type}, e.g. {@code rate_limit_error}; empty when the body was not Anthropic's error JSON. */
    Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Worth another attempt: what the API says in {@code x-should-retry} when it says it, else 408, 409, 429 and every
     * 5xx (529 overloaded included), as Anthropic's own SDKs decide.
     */
    boolean retryable() {
        if ("true".equalsIgnoreCase(shouldRetry) || "false".equalsIgnoreCase(shouldRetry)) {
            return Boolean.parseBoolean(shouldRetry);
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** How long Anthropic asked to wait: {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date). */
    Optional<Duration> retryAfter(Instant now) {
        Optional<Duration> millis = number(retryAfterMs).map(ms -> Duration.ofNanos((long) (ms * 1_000_000)));
        if (millis.isPresent() || retryAfter == null) {
            return millis;
        }
        Optional<Duration> seconds = number(retryAfter).map(s -> Duration.ofNanos((long) (s * 1_000_000_000)));
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            return Optional.of(Duration.between(now,
                    ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code retry-after} in whole seconds, passed on to our own caller's 503; null unless it was one. */
    Long retryAfterSeconds() {
        return retryAfter != null && retryAfter.strip().matches("\\d{1,6}") ? Long.valueOf(retryAfter.strip()) : null;
    }

    private static Optional<Double> number(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(value.strip())).filter(n -> n >= 0 && !n.isInfinite());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
