package com.mspanalytics.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link IntegrationTest} whose connectors may reach the loopback simulators: for tests that sync
 * the simulated world (see {@link SyncedWorld}). Classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = {"msp.connectors.allow-private-addresses=true", "msp.connectors.pace.enabled=false", "msp.connectors.retry.initial-backoff=5ms"})
public @interface KpiWorldTest {
}
