package com.mspanalytics.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.tenant.TenantId;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The filters over real HTTP, in the whole application with REDIS_URL and REDIS_PASSWORD pointing
 * at a real Redis, and real authentication: every tenant is made by the application's seed and
 * calls with its API key, so the tenant limits run where production runs them, in the security
 * chain after the credential has named the tenant. The clock is fixed at 10:15:45, so the window
 * never turns during the test: every reset is 15.
 *
 * <p>The per-address limit is low here (its own key prefix, so no other test's requests count):
 * every request of this class but /health counts against it, and the last test spends the rest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitHttpIntegrationTests {

    static final Instant NOW = Instant.parse("2026-11-27T10:15:45Z");
    static final int CLIENT_IP_LIMIT = 20;
    /** Chosen before the start so that its override can be configured; the seed then creates it. */
    static final TenantId TENANT_A = new TenantId(UUID.randomUUID());
    static final String KEY_PREFIX = Limiters.uniquePrefix();

    static ConfigurableApplicationContext app;
    static Http anonymous;
    static Http tenantA;
    static Http tenantB;

    @BeforeAll
    static void startTheApplicationOnRealRedis() {
        app = Instances.start(KEY_PREFIX, Clock.fixed(NOW, ZoneOffset.UTC), Map.of(
                "msp.ratelimit.client-ip.limit", String.valueOf(CLIENT_IP_LIMIT),
                "msp.ratelimit.tenant-overrides." + TENANT_A + ".sync", "3"));
        anonymous = new Http(Instances.port(app));
        tenantA = Instances.http(app, Instances.seed(app, TENANT_A).apiKey());
        tenantB = Instances.http(app, Instances.seed(app).apiKey());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void countsEachTenantPerGroupWithHeadersAndAnswers429PastTheLimit() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = tenantA.post("/sync/tickets", "{}");
            assertAccepted(allowed);
            assertHeaders(allowed, 3, remaining);
        }

        HttpResponse<String> refused = tenantA.post("/sync/tickets", "{}");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertHeaders(refused, 3, 0);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("15");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.parse(refused.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:msp-analytics:problem:rate-limited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("title").asString()).isEqualTo("Too many requests");
        assertThat(problem.path("detail").asString()).contains("3").contains("sync").contains("15 s");
        assertThat(problem.path("instance").asString()).isEqualTo("/sync/tickets");

        // Another group of the same tenant, and the same group of another tenant, count apart.
        HttpResponse<String> compute = tenantA.post("/compute/kpi/hours-by-client", "{}");
        assertAccepted(compute);
        assertHeaders(compute, 30, 29);
        HttpResponse<String> otherTenant = tenantB.post("/sync/tickets", "{}");
        assertAccepted(otherTenant);
        assertHeaders(otherTenant, 60, 59);
        assertThat(new StringRedisTemplate(app.getBean(LettuceConnectionFactory.class)).opsForValue()
                .get(KEY_PREFIX + ":tenant:" + TENANT_A + ":sync:" + NOW.getEpochSecond() / 60))
                .as("counted in Redis, the refused request too").isEqualTo("4");
    }

    @Test
    @Order(2)
    void countsAnEncodedPathInItsGroup() {
        HttpResponse<String> encoded = tenantB.post("/%73ync/tickets", "{}");

        assertThat(encoded.statusCode()).isNotEqualTo(429);
        assertHeaders(encoded, 60, 58);
    }

    @Test
    @Order(3)
    void leavesPathsOutsideEveryGroupAndUnauthenticatedRequestsWithoutHeaders() {
        HttpResponse<String> outside = tenantB.get("/kpi/hours-by-client/latest");
        HttpResponse<String> withoutKey = anonymous.post("/sync/tickets", "{}");
        HttpResponse<String> wrongKey = anonymous.post("/sync/tickets", "{}", "X-API-Key", "msp_ak_not-a-real-key");

        assertThat(outside.statusCode()).isNotIn(401, 403, 429);
        assertThat(outside.headers().firstValue("RateLimit-Limit")).isEmpty();
        for (HttpResponse<String> unauthenticated : List.of(withoutKey, wrongKey)) {
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            assertThat(unauthenticated.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(unauthenticated.headers().map().keySet())
                    .noneSatisfy(name -> assertThat(name.toLowerCase()).startsWith("ratelimit-"));
        }
    }

    @Test
    @Order(4)
    void reportsRedisUp() {
        HttpResponse<String> health = anonymous.get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.parse(health.body()).path("checks").path("redis").asString()).isEqualTo("UP");
    }

    /** A team behind one address: what authenticates is governed by its tenant's limits, never by the address's. */
    @Test
    @Order(4)
    void doesNotCountAuthenticatedRequestsAgainstTheAddress() {
        for (int i = 0; i < CLIENT_IP_LIMIT * 2; i++) {
            assertThat(tenantB.get("/api-keys").statusCode()).as("request " + i).isEqualTo(200);
        }
    }

    /** Last: it spends this address's whole window with anonymous requests and failed credentials. */
    @Test
    @Order(5)
    void limitsEachClientAddressBeforeAuthenticationButNeverHealth() {
        HttpResponse<String> response = anonymous.get("/no/such/thing");
        for (int i = 0; i < CLIENT_IP_LIMIT && response.statusCode() != 429; i++) {
            response = anonymous.get("/no/such/thing", "X-API-Key", "msp_ak_guess" + i);
        }

        assertThat(response.statusCode()).isEqualTo(429);
        assertHeaders(response, CLIENT_IP_LIMIT, 0);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("15");
        assertThat(Json.parse(response.body()).path("type").asString()).isEqualTo("urn:msp-analytics:problem:rate-limited");

        // An address that used up its window is refused before any credential is checked: a valid key
        // from it is refused too, and its tenant's sync window is not touched (B has spent 2 of 60).
        HttpResponse<String> validKey = tenantB.post("/sync/tickets", "{}");
        assertThat(validKey.statusCode()).isEqualTo(429);
        assertHeaders(validKey, CLIENT_IP_LIMIT, 0);
        assertThat(Json.parse(validKey.body()).path("detail").asString()).contains("address");

        assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
    }

    /** Through authentication and the tenant limit; the endpoint itself may not exist yet (404). */
    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403, 429).isLessThan(500);
    }

    private static void assertHeaders(HttpResponse<String> response, long limit, long remaining) {
        assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue(String.valueOf(limit));
        assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(remaining));
        assertThat(response.headers().firstValue("RateLimit-Reset")).hasValue("15");
    }
}
