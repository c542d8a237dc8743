package com.mspanalytics.llm;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failed Messages calls are tried again and after how long, as Anthropic's own SDKs do it (a Resilience4j
 * retry, like the connectors' {@code UpstreamCalls}): {@link AnthropicError#retryable()} answers and I/O failures
 * (no connection, a timeout) are; a refused address or an unreadable answer is not. The wait is what Anthropic asked
 * for when that is at most a minute, else 0.5 s doubling per retry up to 8 s, less up to a quarter of jitter.
 */
final class AnthropicRetries {

    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(1);
    private static final long INITIAL_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 8_000;

    private AnthropicRetries() {
    }

    /** @param maxRetries {@code msp.llm.max-retries}: attempts after the first */
    static RetryConfig config(int maxRetries) {
        return RetryConfig.custom()
                .maxAttempts(maxRetries + 1)
                .retryOnException(AnthropicRetries::retryable)
                .intervalBiFunction(AnthropicRetries::waitMillis)
                .build();
    }

    static boolean retryable(Throwable e) {
        return e instanceof UncheckedIOException || e instanceof AnthropicError error && error.retryable();
    }

    /** @param attempt the attempt that just failed, from 1 */
    static long waitMillis(int attempt, Either<Throwable, ?> outcome) {
        // An HTTP-date retry-after is measured against this server's wall clock, as the SDKs do.
        Optional<Duration> asked = outcome.isLeft() && outcome.getLeft() instanceof AnthropicError error
                ? error.retryAfter(Instant.now()) : Optional.empty();
        if (asked.isPresent() && !asked.get().isNegative() && asked.get().compareTo(LONGEST_RETRY_AFTER) <= 0) {
            return asked.get().toMillis();
        }
        long backoff = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS << Math.min(attempt - 1, 5));
        return (long) (backoff * (1 - 0.25 * ThreadLocalRandom.current().nextDouble()));
    }
}
