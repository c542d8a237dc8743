package com.mspanalytics.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mspanalytics.support.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

/** Stops a real Redis under the limiter: decisions keep coming (per node), and Redis takes over again. */
class RedisFallbackTests {

    final int port = TestRedis.freePort();
    RedisServer server = TestRedis.start(port);
    final LettuceConnectionFactory connections = Limiters.connect(TestRedis.url(port));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SettableClock clock = new SettableClock(RateLimiterContractTests.AT_10_15_45_300);
    final RateLimiter limiter = new RedisFallbackRateLimiter(
            Limiters.redis(connections, clock, "fallback"), Limiters.inProcess(clock), meters);
    final RedisCheck check = new RedisCheck(connections);

    @AfterEach
    void stop() {
        connections.destroy();
        TestRedis.stop(server);
    }

    @Test
    void limitsPerNodeWhileRedisIsDownAndReturnsToRedisWhenItIsBack() {
        assertThat(limiter.tryAcquire("tenant:a:sync", 60).allowed()).isTrue();
        assertThat(fallbacks()).isZero();
        assertThat(check.status()).isEqualTo("UP");

        TestRedis.stop(server);

        assertThat(limiter.tryAcquire("tenant:a:sync", 3)).isEqualTo(new RateLimiter.Decision(true, 3, 2, 15));
        assertThat(limiter.tryAcquire("tenant:a:sync", 3)).isEqualTo(new RateLimiter.Decision(true, 3, 1, 15));
        assertThat(limiter.tryAcquire("tenant:a:sync", 3)).isEqualTo(new RateLimiter.Decision(true, 3, 0, 15));
        assertThat(limiter.tryAcquire("tenant:a:sync", 3)).isEqualTo(new RateLimiter.Decision(false, 3, 0, 15));
        assertThat(fallbacks()).isEqualTo(4);
        assertThat(check.status()).isEqualTo("DOWN");
        assertThat(check.critical()).isFalse();

        server = TestRedis.start(port);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            double before = fallbacks();
            limiter.tryAcquire("tenant:b:sync", 60);
            return fallbacks() == before;
        });
        assertThat(check.status()).isEqualTo("UP");
        assertThat(new StringRedisTemplate(connections).keys("fallback:tenant:b:sync:*")).hasSize(1);
    }

    private double fallbacks() {
        return meters.counter("msp.ratelimit.redis.fallback").count();
    }
}
