package com.mspanalytics.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application at the shared test database before anything binds to it. */
public class TestEnvironmentInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.productionEnvironment(TestDatabase.server()));
        // Every test request comes from 127.0.0.1: the per-address limit would throttle the suite itself.
        properties.put("msp.ratelimit.client-ip.limit", "1000000");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
    }
}
