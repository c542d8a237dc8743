package com.mspanalytics.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.Json;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestRedis;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The filters over real HTTP, in the whole application with REDIS_URL and REDIS_PASSWORD pointing
 * at a real Redis. Authentication is not part of this package, so a test filter binds the tenant
 * named by a header and runs {@link TenantRateLimitFilter} inside, where the security chain will.
 * The clock is fixed at 10:15:45, so the window never turns during the test: every reset is 15.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitHttpIntegrationTests {

    static final int CLIENT_IP_LIMIT = 20;
    static final TenantId TENANT_A = new TenantId(UUID.randomUUID());
    static final TenantId TENANT_B = new TenantId(UUID.randomUUID());
    static final String KEY_PREFIX = Limiters.uniquePrefix();

    static ConfigurableApplicationContext app;
    static Http http;

    @BeforeAll
    static void startTheApplicationOnRealRedis() {
        Map<String, Object> env = new HashMap<>(TestDatabase.productionEnvironment(TestDatabase.server()));
        env.put("server.port", "0");
        env.put("REDIS_URL", TestRedis.url());
        env.put("REDIS_PASSWORD", TestRedis.PASSWORD);
        env.put("msp.ratelimit.redis.timeout", Limiters.TEST_TIMEOUT.toMillis() + "ms");
        env.put("msp.ratelimit.key-prefix", KEY_PREFIX);
        env.put("msp.ratelimit.client-ip.limit", String.valueOf(CLIENT_IP_LIMIT));
        env.put("msp.ratelimit.tenant-overrides." + TENANT_A + ".sync", "3");
        app = new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .initializers(context -> {
                    // First, so that these win over application.yml (default properties would not).
                    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", env));
                    registerTestBeans((GenericApplicationContext) context);
                })
                .run();
        http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    /** Registered by hand, not scanned, so that no other test's application picks them up. */
    static void registerTestBeans(GenericApplicationContext context) {
        context.registerBean(Clock.class, () -> Clock.fixed(Instant.parse("2026-11-27T10:15:45Z"), ZoneOffset.UTC));
        context.registerBean("headerAuthentication", FilterRegistrationBean.class, () -> {
            var registration = new FilterRegistrationBean<>(
                    new HeaderAuthentication(context.getBean(TenantRateLimitFilter.class)));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void countsEachTenantPerGroupWithHeadersAndAnswers429PastTheLimit() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> allowed = postAs(TENANT_A, "/sync/tickets");
            assertThat(allowed.statusCode()).isNotEqualTo(429);
            assertHeaders(allowed, 3, remaining);
        }

        HttpResponse<String> refused = postAs(TENANT_A, "/sync/tickets");

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

        assertHeaders(postAs(TENANT_A, "/compute/kpi/hours-by-client"), 30, 29);
        assertHeaders(postAs(TENANT_B, "/sync/tickets"), 60, 59);
        assertThat(new StringRedisTemplate(redis()).opsForValue()
                .get(KEY_PREFIX + ":tenant:" + TENANT_A + ":sync:" + Instant.parse("2026-11-27T10:15:45Z").getEpochSecond() / 60))
                .as("counted in Redis").isEqualTo("4");
    }

    @Test
    @Order(2)
    void countsAnEncodedPathInItsGroup() {
        assertHeaders(postAs(TENANT_B, "/%73ync/tickets"), 60, 58);
    }

    @Test
    @Order(3)
    void leavesPathsOutsideEveryGroupAndRequestsWithoutTenantUnlimited() {
        HttpResponse<String> outside = http.get("/kpi/hours-by-client/latest", "X-Test-Tenant", TENANT_B.toString());
        HttpResponse<String> anonymous = http.post("/sync/tickets", "{}");

        assertThat(outside.headers().firstValue("RateLimit-Limit")).isEmpty();
        assertThat(anonymous.headers().firstValue("RateLimit-Limit")).isEmpty();
    }

    @Test
    @Order(4)
    void reportsRedisUp() {
        assertThat(Json.parse(http.get("/health").body()).path("checks").path("redis").asString()).isEqualTo("UP");
    }

    /** Last: it spends this address's whole window. */
    @Test
    @Order(5)
    void limitsEachClientAddressBeforeAuthenticationButNeverHealth() {
        HttpResponse<String> response = http.get("/no/such/thing");
        for (int i = 0; i < CLIENT_IP_LIMIT && response.statusCode() != 429; i++) {
            response = http.get("/no/such/thing", "X-API-Key", "msp_ak_guess" + i);
        }

        assertThat(response.statusCode()).isEqualTo(429);
        assertHeaders(response, CLIENT_IP_LIMIT, 0);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("15");
        assertThat(Json.parse(response.body()).path("type").asString()).isEqualTo("urn:msp-analytics:problem:rate-limited");
        assertThat(http.get("/health").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> postAs(TenantId tenant, String path) {
        return http.post(path, "{}", "X-Test-Tenant", tenant.toString());
    }

    private static void assertHeaders(HttpResponse<String> response, long limit, long remaining) {
        assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue(String.valueOf(limit));
        assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(remaining));
        assertThat(response.headers().firstValue("RateLimit-Reset")).hasValue("15");
    }

    private static LettuceConnectionFactory redis() {
        return app.getBean(LettuceConnectionFactory.class);
    }

    /** Stands in for authentication: binds the tenant of X-Test-Tenant, then applies the tenant limits. */
    static final class HeaderAuthentication implements Filter {

        private final TenantRateLimitFilter limits;

        HeaderAuthentication(TenantRateLimitFilter limits) {
            this.limits = limits;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String tenant = ((HttpServletRequest) request).getHeader("X-Test-Tenant");
            if (tenant == null) {
                chain.doFilter(request, response);
                return;
            }
            TenantContext.runAs(TenantId.of(tenant), () -> {
                try {
                    limits.doFilter(request, response, chain);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
