package com.mspanalytics.ratelimit;

import com.mspanalytics.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Limiters built as the application builds them, on real Redis servers. */
final class Limiters {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(2);

    private Limiters() {
    }

    /**
     * One "node": its own connection factory, like one application instance. The timeout is generous
     * because the first connection of a cold JVM on a busy machine can take longer than production's.
     */
    static LettuceConnectionFactory connect(String url) {
        return RedisConnections.create(new RateLimitProperties.Redis(url, TestRedis.PASSWORD, TEST_TIMEOUT));
    }

    static InProcessRateLimiter inProcess(Clock clock) {
        return new InProcessRateLimiter(new FixedWindows(clock, MINUTE));
    }

    /** A fresh key prefix per limiter family keeps tests on the shared Redis apart. */
    static RedisRateLimiter redis(LettuceConnectionFactory connections, Clock clock, String prefix) {
        return new RedisRateLimiter(connections, new FixedWindows(clock, MINUTE), prefix);
    }

    static String uniquePrefix() {
        return "test:" + UUID.randomUUID();
    }
}
