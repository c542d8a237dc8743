package com.mspanalytics.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * Redis while it answers; this node's own counters while it does not.
 *
 * <p>Why keep serving: the limiter protects the service and its upstream APIs, so it must never be
 * the reason a request fails. While Redis is unreachable each node enforces every limit on its own,
 * which lets a client spread over N nodes make up to N times its limit; that is the price of staying
 * up, it lasts only as long as the outage, and {@code msp.ratelimit.redis.fallback} counts every
 * request decided this way ({@code /health} shows redis DOWN meanwhile).
 *
 * <p>Why the pause: a Redis that hangs instead of refusing would cost every request a command
 * timeout. After a failure the next {@link #RETRY_INTERVAL} of requests skip Redis, so a dead Redis
 * costs at most one timeout per interval. Lettuce reconnects in the background; the first call that
 * succeeds after a pause switches back to shared counting.
 */
final class RedisFallbackRateLimiter implements RateLimiter {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RedisFallbackRateLimiter.class);

    private final RateLimiter redis;
    private final RateLimiter inProcess;
    private final Counter fallbacks;
    private final AtomicBoolean fallingBack = new AtomicBoolean();
    private volatile long retryRedisAtNanos = System.nanoTime();

    RedisFallbackRateLimiter(RateLimiter redis, RateLimiter inProcess, MeterRegistry meters) {
        this.redis = redis;
        this.inProcess = inProcess;
        this.fallbacks = Counter.builder("msp.ratelimit.redis.fallback")
                .description("Rate-limit decisions made per node because Redis did not answer")
                .register(meters);
    }

    @Override
    public Decision tryAcquire(String key, long limit) {
        return withRedis(limiter -> limiter.tryAcquire(key, limit));
    }

    @Override
    public boolean exhausted(String key, long limit) {
        return withRedis(limiter -> limiter.exhausted(key, limit));
    }

    /** Asks Redis unless it failed within the last {@link #RETRY_INTERVAL}; asks this node's counters otherwise. */
    private <T> T withRedis(java.util.function.Function<RateLimiter, T> question) {
        if (System.nanoTime() - retryRedisAtNanos >= 0) {
            try {
                T answer = question.apply(redis);
                if (fallingBack.compareAndSet(true, false)) {
                    log.info("Redis answers again: rate limits are shared by every node again");
                }
                return answer;
            } catch (RuntimeException e) {
                retryRedisAtNanos = System.nanoTime() + RETRY_INTERVAL.toNanos();
                if (fallingBack.compareAndSet(false, true)) {
                    log.warn("Redis does not answer ({}): rate limits are counted per node until it does",
                            NestedExceptionUtils.getMostSpecificCause(e).toString());
                }
            }
        }
        fallbacks.increment();
        return question.apply(inProcess);
    }
}
