package com.mspanalytics.ratelimit;

import com.mspanalytics.support.TestRedis;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What the limiter adds to a request: the time of one {@code tryAcquire}, measured and printed
 * (never asserted: the numbers depend on the machine). Redis here is on loopback.
 */
class RateLimiterLatencyTests {

    static final int WARM_UP = 2_000;
    static final int CALLS = 10_000;

    @Test
    void printsTheLatencyOfOneDecision() {
        LettuceConnectionFactory connections = Limiters.connect(TestRedis.url());
        try {
            measure("in-process", Limiters.inProcess(Clock.systemUTC()));
            measure("redis", Limiters.redis(connections, Clock.systemUTC(), Limiters.uniquePrefix()));
        } finally {
            connections.destroy();
        }
    }

    private static void measure(String name, RateLimiter limiter) {
        for (int i = 0; i < WARM_UP; i++) {
            limiter.tryAcquire("warm-up:" + (i % 50), Long.MAX_VALUE);
        }
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            limiter.tryAcquire("tenant:" + (i % 50) + ":sync", Long.MAX_VALUE);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("rate limiter latency, %s, %d calls: p50 %.1f µs, p99 %.1f µs, max %.1f µs%n", name, CALLS,
                nanos[CALLS / 2] / 1e3, nanos[CALLS * 99 / 100] / 1e3, nanos[CALLS - 1] / 1e3);
    }
}
