package com.mspanalytics.ratelimit;

import static com.mspanalytics.ratelimit.RateLimiterContractTests.concurrently;
import static com.mspanalytics.ratelimit.RateLimiterContractTests.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.TestRedis;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Two application instances ("nodes"), each with its own connections, sharing one real Redis. */
class RedisRateLimiterTests {

    final LettuceConnectionFactory node1 = Limiters.connect(TestRedis.url());
    final LettuceConnectionFactory node2 = Limiters.connect(TestRedis.url());
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-27T10:15:20Z"));
    final String prefix = Limiters.uniquePrefix();

    @AfterEach
    void disconnect() {
        node1.destroy();
        node2.destroy();
    }

    @Test
    void twoNodesAllowExactlyTheLimitBetweenThemThenBothAcceptInTheNextWindow() throws Exception {
        RateLimiter first = Limiters.redis(node1, clock, prefix);
        RateLimiter second = Limiters.redis(node2, clock, prefix);
        AtomicInteger calls = new AtomicInteger();
        Callable<RateLimiter.Decision> alternating = () ->
                (calls.getAndIncrement() % 2 == 0 ? first : second).tryAcquire("tenant:a:sync", 60);

        List<RateLimiter.Decision> decisions = concurrently(200, alternating);

        assertThat(decisions).filteredOn(RateLimiter.Decision::allowed).hasSize(60)
                .extracting(RateLimiter.Decision::remaining).containsExactlyInAnyOrderElementsOf(range(0, 59));
        assertThat(decisions).filteredOn(d -> !d.allowed()).hasSize(140)
                .allSatisfy(d -> assertThat(d).isEqualTo(new RateLimiter.Decision(false, 60, 0, 40)));

        clock.set(Instant.parse("2026-11-27T10:16:00Z"));

        assertThat(first.tryAcquire("tenant:a:sync", 60)).isEqualTo(new RateLimiter.Decision(true, 60, 59, 60));
        assertThat(second.tryAcquire("tenant:a:sync", 60)).isEqualTo(new RateLimiter.Decision(true, 60, 58, 60));
    }

    @Test
    void keysTheWindowByItsIdAndLetsRedisForgetItShortlyAfterItEnds() {
        Limiters.redis(node1, clock, prefix).tryAcquire("tenant:a:sync", 60);

        String key = prefix + ":tenant:a:sync:" + clock.instant().getEpochSecond() / 60;
        StringRedisTemplate redis = new StringRedisTemplate(node1);
        assertThat(redis.opsForValue().get(key)).isEqualTo("1");
        assertThat(redis.getExpire(key)).isBetween(40L, 45L);
    }
}
