package com.mspanalytics.simulator.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault switches of one simulator, changeable while it serves. Which request fails is a function of
 * the request's sequence number and the seed, so a test run replays exactly.
 */
public final class Faults {

    enum Kind { NONE, RATE_LIMIT, SERVER_ERROR, DROP }

    private final long seed;
    private volatile int rateLimitEvery, retryAfterSeconds = 1, dropEvery;
    private volatile double serverErrorRate;
    private volatile long latencyMillis;
    private volatile String malformedPath;
    private volatile int malformedPage;
    private final AtomicInteger malformedSeen = new AtomicInteger();

    public Faults(long seed) {
        this.seed = seed;
    }

    public Faults apply(FaultOptions options) {
        rateLimitEvery = options.rateLimitEvery();
        retryAfterSeconds = options.retryAfterSeconds();
        serverErrorRate = options.serverErrorRate();
        latencyMillis = options.latencyMillis();
        dropEvery = options.dropEvery();
        malformedPage(options.malformedPath(), options.malformedPage());
        return this;
    }

    public Faults rateLimitEvery(int n, int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.rateLimitEvery = n;
        return this;
    }

    public Faults serverErrorRate(double rate) {
        this.serverErrorRate = rate;
        return this;
    }

    public Faults latency(Duration latency) {
        this.latencyMillis = latency.toMillis();
        return this;
    }

    public Faults dropEvery(int n) {
        this.dropEvery = n;
        return this;
    }

    /** Cut the {@code page}th successful response on paths containing {@code pathFragment} (1-based). */
    public Faults malformedPage(String pathFragment, int page) {
        malformedSeen.set(0);
        this.malformedPath = pathFragment;
        this.malformedPage = page;
        return this;
    }

    public Faults clear() {
        return apply(FaultOptions.none());
    }

    int retryAfterSeconds() { return retryAfterSeconds; }

    long latencyMillis() { return latencyMillis; }

    Kind decide(long requestNumber) {
        if (dropEvery > 0 && requestNumber % dropEvery == 0) return Kind.DROP;
        if (rateLimitEvery > 0 && requestNumber % rateLimitEvery == 0) return Kind.RATE_LIMIT;
        if (serverErrorRate > 0 && unitDraw(requestNumber) < serverErrorRate) return Kind.SERVER_ERROR;
        return Kind.NONE;
    }

    boolean truncate(String path) {
        String fragment = malformedPath;
        return fragment != null && malformedPage > 0 && path.contains(fragment)
                && malformedSeen.incrementAndGet() == malformedPage;
    }

    private double unitDraw(long n) {
        long z = seed + n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
    }
}
