package com.mspanalytics.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The semantics of docs/api.md ("Rate limits"), the same for both limiters. */
class RateLimiterContractTests {

    static final Instant AT_10_15_45_300 = Instant.parse("2026-11-27T10:15:45.300Z");

    static LettuceConnectionFactory redis;

    static Stream<Named<Function<Clock, RateLimiter>>> limiters() {
        return Stream.of(
                Named.of("in-process", Limiters::inProcess),
                Named.of("redis", clock -> Limiters.redis(redis(), clock, Limiters.uniquePrefix())));
    }

    static synchronized LettuceConnectionFactory redis() {
        if (redis == null) {
            redis = Limiters.connect(TestRedis.url());
        }
        return redis;
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.destroy();
        }
    }

    @ParameterizedTest
    @MethodSource("limiters")
    void allowsExactlyTheLimitThenDeniesUntilTheWindowEnds(Function<Clock, RateLimiter> limiterOn) {
        RateLimiter limiter = limiterOn.apply(new SettableClock(AT_10_15_45_300));

        for (long remaining = 59; remaining >= 0; remaining--) {
            assertThat(limiter.tryAcquire("tenant:a:sync", 60)).isEqualTo(new RateLimiter.Decision(true, 60, remaining, 15));
        }
        assertThat(limiter.tryAcquire("tenant:a:sync", 60)).isEqualTo(new RateLimiter.Decision(false, 60, 0, 15));
        assertThat(limiter.tryAcquire("tenant:a:sync", 60)).isEqualTo(new RateLimiter.Decision(false, 60, 0, 15));
    }

    @ParameterizedTest
    @MethodSource("limiters")
    void saysWhetherAKeyIsExhaustedWithoutCountingAndForgetsItInTheNextWindow(Function<Clock, RateLimiter> limiterOn) {
        SettableClock clock = new SettableClock(AT_10_15_45_300);
        RateLimiter limiter = limiterOn.apply(clock);
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire("ip:192.0.2.7", 5);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.exhausted("ip:192.0.2.7", 5)).isFalse();
        }
        limiter.tryAcquire("ip:192.0.2.7", 5);

        assertThat(limiter.exhausted("ip:192.0.2.7", 5)).isTrue();
        assertThat(limiter.exhausted("ip:192.0.2.8", 5)).isFalse();
        clock.set(Instant.parse("2026-11-27T10:16:00Z"));
        assertThat(limiter.exhausted("ip:192.0.2.7", 5)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("limiters")
    void acceptsAgainInTheNextWindow(Function<Clock, RateLimiter> limiterOn) {
        SettableClock clock = new SettableClock(AT_10_15_45_300);
        RateLimiter limiter = limiterOn.apply(clock);
        exhaust(limiter, "tenant:a:llm", 10);

        clock.set(Instant.parse("2026-11-27T10:16:00Z"));

        assertThat(limiter.tryAcquire("tenant:a:llm", 10)).isEqualTo(new RateLimiter.Decision(true, 10, 9, 60));
    }

    @ParameterizedTest
    @MethodSource("limiters")
    void resetIsTheSecondsLeftInTheWindowRoundedUpAndNeverZero(Function<Clock, RateLimiter> limiterOn) {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-27T10:15:59.999Z"));
        RateLimiter limiter = limiterOn.apply(clock);

        assertThat(limiter.tryAcquire("k", 5).resetSeconds()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("k", 5).resetSeconds()).isEqualTo(60);
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("k", 5).resetSeconds()).isEqualTo(60);
        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire("k", 5).resetSeconds()).isEqualTo(59);
    }

    @ParameterizedTest
    @MethodSource("limiters")
    void countsGroupsAndTenantsSeparately(Function<Clock, RateLimiter> limiterOn) {
        RateLimiter limiter = limiterOn.apply(new SettableClock(AT_10_15_45_300));
        exhaust(limiter, "tenant:a:sync", 3);

        assertThat(limiter.tryAcquire("tenant:a:sync", 3).allowed()).isFalse();
        assertThat(limiter.tryAcquire("tenant:a:compute", 3)).isEqualTo(new RateLimiter.Decision(true, 3, 2, 15));
        assertThat(limiter.tryAcquire("tenant:b:sync", 3)).isEqualTo(new RateLimiter.Decision(true, 3, 2, 15));
    }

    @ParameterizedTest
    @MethodSource("limiters")
    void allowsExactlyTheLimitUnderConcurrency(Function<Clock, RateLimiter> limiterOn) throws Exception {
        RateLimiter limiter = limiterOn.apply(new SettableClock(AT_10_15_45_300));

        List<RateLimiter.Decision> decisions = concurrently(200, () -> limiter.tryAcquire("tenant:a:sync", 60));

        assertThat(decisions).filteredOn(RateLimiter.Decision::allowed).hasSize(60)
                .extracting(RateLimiter.Decision::remaining).containsExactlyInAnyOrderElementsOf(range(0, 59));
        assertThat(decisions).filteredOn(d -> !d.allowed()).hasSize(140)
                .allSatisfy(d -> assertThat(d).isEqualTo(new RateLimiter.Decision(false, 60, 0, 15)));
    }

    static void exhaust(RateLimiter limiter, String key, long limit) {
        for (int i = 0; i < limit; i++) {
            assertThat(limiter.tryAcquire(key, limit).allowed()).isTrue();
        }
    }

    static List<Long> range(long from, long to) {
        return Stream.iterate(from, n -> n <= to, n -> n + 1).toList();
    }

    /** Runs {@code calls} copies of {@code call} on 32 threads at once. */
    static <T> List<T> concurrently(int calls, Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                tasks.add(call);
            }
            List<T> results = new ArrayList<>();
            for (Future<T> result : threads.invokeAll(tasks)) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
