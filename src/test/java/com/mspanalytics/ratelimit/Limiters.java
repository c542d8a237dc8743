package com.mspanalytics.ratelimit;

import com.mspanalytics.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Limiters built as the application builds them, on real Redis servers. */
final class Limiters {

    static final Duration MINUTE = Duration.ofMinutes(1);

    private Limiters() {
    }

    /** One "node": its own connection factory, like one application instance. */
    static LettuceConnectionFactory connect(String url) {
        return RedisConnections.create(new RateLimitProperties.Redis(url, TestRedis.PASSWORD, Duration.ofMillis(250)));
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
