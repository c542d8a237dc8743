package com.mspanalytics.ratelimit;

import com.mspanalytics.MspAnalyticsApplication;
import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.support.Http;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestRedis;
import com.mspanalytics.tenant.TenantId;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole application instances as production runs them (real authentication, the shared
 * {@link TestDatabase}, REDIS_URL and REDIS_PASSWORD pointing at the shared {@link TestRedis}), each
 * on its own random port, with a {@link Clock} the test chooses so that windows turn only when it
 * says so. Several instances started with the same key prefix are nodes of one deployment.
 */
final class Instances {

    private Instances() {
    }

    /**
     * @param clock the application's Clock bean: the limiter's windows (and everything else) read it
     * @param properties added over application.yml, e.g. {@code msp.ratelimit.client-ip.limit}
     */
    static ConfigurableApplicationContext start(String keyPrefix, Clock clock, Map<String, String> properties) {
        Map<String, Object> env = new HashMap<>(TestDatabase.productionEnvironment(TestDatabase.server()));
        env.put("PORT", "0");
        env.put("REDIS_URL", TestRedis.url());
        env.put("REDIS_PASSWORD", TestRedis.PASSWORD);
        env.put("msp.ratelimit.redis.timeout", Limiters.TEST_TIMEOUT.toMillis() + "ms");
        env.put("msp.ratelimit.key-prefix", keyPrefix);
        env.putAll(properties);
        return new SpringApplicationBuilder(MspAnalyticsApplication.class)
                .initializers(context -> {
                    // First, so that these win over application.yml (default properties would not).
                    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", env));
                    // Registered by hand, not scanned, so that no other test's application picks it up.
                    ((GenericApplicationContext) context).registerBean(Clock.class, () -> clock);
                })
                .run();
    }

    static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    /** A client of {@code instance} whose every request carries {@code X-API-Key: apiKey}. */
    static Http http(ConfigurableApplicationContext instance, String apiKey) {
        return new Http(port(instance), apiKey);
    }

    /** A new tenant and its all-permission key, made by the application's own seed command. */
    static TenantSeeder.SeededTenant seed(ConfigurableApplicationContext instance) {
        return instance.getBean(TenantSeeder.class).seed("Rate limit test MSP " + UUID.randomUUID());
    }

    /**
     * A tenant whose id the test chose before starting the application, so that a
     * {@code msp.ratelimit.tenant-overrides.<id>} property can name it. The row is inserted with the
     * owner's connection, as the seed inserts tenants; the seed then finds it by name and issues its key.
     */
    static TenantSeeder.SeededTenant seed(ConfigurableApplicationContext instance, TenantId id) {
        String name = "Rate limit test MSP " + id;
        JdbcClient.create(TestDatabase.ownerDataSource())
                .sql("INSERT INTO tenants (id, name) VALUES (:id, :name)")
                .param("id", id.value())
                .param("name", name)
                .update();
        TenantSeeder.SeededTenant seeded = instance.getBean(TenantSeeder.class).seed(name);
        if (!seeded.tenant().equals(id)) {
            throw new IllegalStateException("The seed created " + seeded.tenant() + " instead of finding " + id);
        }
        return seeded;
    }
}
