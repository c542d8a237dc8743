package com.mspanalytics.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.tenant.TenantId;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The limiter counts exactly, over real HTTP: two application instances (two nodes of one
 * deployment: same database, same Redis, same key prefix), one tenant's concurrent requests split
 * evenly across them, and exactly the limit accepted. Both share one {@link SettableClock} at
 * 10:15:45, so the window cannot turn mid-test (every reset is 15) until the test moves it.
 *
 * <p>Also the closing note's latency: the same endpoint with and without the Redis tenant limit in
 * the path, in one run, printed and never asserted.
 *
 * <p>The per-address limit is set far out of the way on these instances: every request here comes
 * from 127.0.0.1 ({@link RateLimitHttpIntegrationTests} tests that limit on its own key prefix).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTwoInstancesIntegrationTests {

    static final Instant NOW = Instant.parse("2026-11-27T10:15:45Z");
    static final SettableClock CLOCK = new SettableClock(NOW);
    static final String KEY_PREFIX = Limiters.uniquePrefix();
    static final int SYNC_LIMIT = 60;
    static final int THREADS = 32;
    /** Its sync limit is overridden out of reach: it measures the limiter's cost, never hits it. */
    static final TenantId LATENCY_TENANT = new TenantId(UUID.randomUUID());
    static final long LATENCY_LIMIT = 1_000_000;
    static final int WARM_UP = 300;
    static final int MEASURED = 2_000;
    /**
     * Bounds on the latency test's phases, so that the class stays near 40 s on a loaded machine: past
     * them it measures fewer pairs, and prints how many.
     */
    static final Duration WARM_UP_BUDGET = Duration.ofSeconds(4);
    static final Duration MEASURE_BUDGET = Duration.ofSeconds(12);

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    /** A third node of another deployment where no path is in the sync group: /sync is not limited. */
    static ConfigurableApplicationContext unlimited;
    static TenantSeeder.SeededTenant tenant;
    static String tenantKey;

    @BeforeAll
    static void startTwoInstancesOnOneRedisAndOneWithoutTheSyncLimit() {
        Map<String, String> node = Map.of(
                "msp.ratelimit.client-ip.limit", "1000000",
                "msp.ratelimit.tenant-overrides." + LATENCY_TENANT + ".sync", String.valueOf(LATENCY_LIMIT));
        first = Instances.start(KEY_PREFIX, CLOCK, node);
        second = Instances.start(KEY_PREFIX, CLOCK, node);
        unlimited = Instances.start(Limiters.uniquePrefix(), CLOCK, Map.of(
                "msp.ratelimit.client-ip.limit", "1000000",
                "msp.ratelimit.groups.sync.path", "/not-used-by-any-request"));
        tenant = Instances.seed(first);
        tenantKey = tenant.apiKey();
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext instance : Arrays.asList(first, second, unlimited)) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    @Order(1)
    void acceptsExactlyTheLimitOf200ConcurrentRequestsSplitAcrossTwoInstances() throws Exception {
        List<Answer> answers = burst(tenantKey, 200);

        List<Answer> accepted = answers.stream().filter(a -> a.response().statusCode() != 429).toList();
        List<Answer> refused = answers.stream().filter(a -> a.response().statusCode() == 429).toList();
        assertThat(answers.stream().filter(a -> a.instance() == 0)).hasSize(100);
        assertThat(accepted).hasSize(SYNC_LIMIT);
        assertThat(refused).hasSize(140);
        for (Answer answer : accepted) {
            assertAccepted(answer.response());
            assertThat(answer.response().headers().firstValue("RateLimit-Limit")).hasValue("60");
            assertThat(answer.response().headers().firstValue("RateLimit-Reset")).hasValue("15");
        }
        // Each accepted request took its own slot: the counts 1..60, each once, across both nodes.
        assertThat(accepted.stream().map(a -> Long.parseLong(a.response().headers().firstValue("RateLimit-Remaining")
                .orElseThrow()))).containsExactlyInAnyOrderElementsOf(LongStream.range(0, SYNC_LIMIT).boxed().toList());
        for (Answer answer : refused) {
            assertRateLimited(answer.response(), "sync");
        }
        assertThat(redis().opsForValue().get(KEY_PREFIX + ":tenant:" + tenant.tenant() + ":sync:"
                + NOW.getEpochSecond() / 60)).as("every request counted once in Redis").isEqualTo("200");
        System.out.printf("limiter exactness: accepted %d on the first instance, %d on the second%n",
                accepted.stream().filter(a -> a.instance() == 0).count(),
                accepted.stream().filter(a -> a.instance() == 1).count());
    }

    @Test
    @Order(2)
    void countsOtherTenantsAndOtherGroupsApart() throws Exception {
        String otherTenantKey = Instances.seed(second).apiKey();

        List<Answer> otherTenant = burst(otherTenantKey, 100);

        assertThat(otherTenant.stream().filter(a -> a.response().statusCode() != 429)).hasSize(SYNC_LIMIT);
        assertThat(otherTenant.stream().filter(a -> a.response().statusCode() == 429)).hasSize(40)
                .allSatisfy(a -> assertRateLimited(a.response(), "sync"));
        for (ConfigurableApplicationContext instance : List.of(first, second)) {
            assertRateLimited(Instances.http(instance, tenantKey).post("/sync/time-entries", "{}"), "sync");
        }
        HttpResponse<String> compute = Instances.http(second, tenantKey).post("/compute/kpi/hours-by-client", "{}");
        assertAccepted(compute);
        assertThat(compute.headers().firstValue("RateLimit-Limit")).hasValue("30");
        assertThat(compute.headers().firstValue("RateLimit-Remaining")).hasValue("29");
    }

    @Test
    @Order(3)
    void acceptsAgainInTheNextWindowOnBothInstances() {
        CLOCK.set(NOW.plus(Duration.ofMinutes(1)));
        try {
            long remaining = SYNC_LIMIT - 1;
            for (ConfigurableApplicationContext instance : List.of(first, second)) {
                HttpResponse<String> response = Instances.http(instance, tenantKey).post("/sync/tickets", "{}");
                assertAccepted(response);
                assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(remaining--));
                assertThat(response.headers().firstValue("RateLimit-Reset")).hasValue("15");
            }
        } finally {
            CLOCK.set(NOW);
        }
    }

    /**
     * The cost of the tenant limit: what it adds to a request, end to end over loopback
     * HTTP. Both instances authenticate the same key against the same database and count the
     * per-address limit in the same Redis; only the first also counts the tenant's sync window in
     * Redis. Requests alternate between them, so that both see the same machine load.
     */
    @Test
    @Order(4)
    void printsTheLatencyTheTenantLimitAdds() {
        String key = Instances.seed(first, LATENCY_TENANT).apiKey();
        Http limited = Instances.http(first, key);
        Http notLimited = Instances.http(unlimited, key);
        HttpResponse<String> withLimit = limited.post("/sync/tickets", "{}");
        HttpResponse<String> withoutLimit = notLimited.post("/sync/tickets", "{}");
        assertAccepted(withLimit);
        assertThat(withLimit.headers().firstValue("RateLimit-Limit")).hasValue(String.valueOf(LATENCY_LIMIT));
        assertThat(withoutLimit.statusCode()).isEqualTo(withLimit.statusCode());
        assertThat(withoutLimit.headers().firstValue("RateLimit-Limit")).isEmpty();

        long warmUpEnd = System.nanoTime() + WARM_UP_BUDGET.toNanos();
        int warmedUp = 0;
        while (warmedUp < WARM_UP && System.nanoTime() - warmUpEnd < 0) {
            limited.post("/sync/tickets", "{}");
            notLimited.post("/sync/tickets", "{}");
            warmedUp++;
        }
        long[] with = new long[MEASURED];
        long[] without = new long[MEASURED];
        long measureEnd = System.nanoTime() + MEASURE_BUDGET.toNanos();
        int measured = 0;
        while (measured < MEASURED && System.nanoTime() - measureEnd < 0) {
            if (measured % 2 == 0) {
                with[measured] = timed(limited);
                without[measured] = timed(notLimited);
            } else {
                without[measured] = timed(notLimited);
                with[measured] = timed(limited);
            }
            measured++;
        }
        with = Arrays.copyOf(with, measured);
        without = Arrays.copyOf(without, measured);
        Arrays.sort(with);
        Arrays.sort(without);
        System.out.printf("rate-limit latency: with Redis limiter p50=%.3f ms p99=%.3f ms;"
                        + " without p50=%.3f ms p99=%.3f ms; added p50=%.3f ms (p99 difference %.3f ms)"
                        + " [%d sequential POST /sync/tickets per instance, alternating, after %d warm-up pairs,"
                        + " loopback HTTP, %d CPUs, load average %.2f]%n",
                ms(p(with, 50)), ms(p(with, 99)), ms(p(without, 50)), ms(p(without, 99)),
                ms(p(with, 50) - p(without, 50)), ms(p(with, 99) - p(without, 99)), measured, warmedUp,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** {@code requests} concurrent POST /sync/tickets of one key, even ones to the first instance. */
    private static List<Answer> burst(String apiKey, int requests) throws Exception {
        List<Http> instances = List.of(Instances.http(first, apiKey), Instances.http(second, apiKey));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int instance = i % 2;
                futures.add(pool.submit(() -> {
                    start.await();
                    return new Answer(instance, instances.get(instance).post("/sync/tickets", "{}"));
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long timed(Http http) {
        long start = System.nanoTime();
        http.post("/sync/tickets", "{}");
        return System.nanoTime() - start;
    }

    private static long p(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Through authentication and the tenant limit; the endpoint itself may not exist yet (404). */
    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403, 429).isLessThan(500);
    }

    private static void assertRateLimited(HttpResponse<String> response, String group) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("15");
        assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("60");
        assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(response.headers().firstValue("RateLimit-Reset")).hasValue("15");
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:msp-analytics:problem:rate-limited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asString()).contains(group);
    }

    private static StringRedisTemplate redis() {
        return new StringRedisTemplate(first.getBean(LettuceConnectionFactory.class));
    }

    record Answer(int instance, HttpResponse<String> response) {
    }
}
