package com.mspanalytics.simulator.http;

/**
 * Faults a simulator starts with; every one is off at its zero value.
 *
 * @param rateLimitEvery     every Nth request is answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param serverErrorRate    share of requests answered with the service's 5xx, drawn from the seed
 * @param latencyMillis      added to every response
 * @param dropEvery          every Nth request has its connection closed without a response
 * @param malformedPath      with {@code malformedPage}: the Nth successful response on a path containing this
 *                           text is cut in half (truncated JSON)
 */
public record FaultOptions(int rateLimitEvery, int retryAfterSeconds, double serverErrorRate, long latencyMillis,
                           int dropEvery, String malformedPath, int malformedPage) {

    public static FaultOptions none() {
        return new FaultOptions(0, 1, 0, 0, 0, null, 0);
    }
}
