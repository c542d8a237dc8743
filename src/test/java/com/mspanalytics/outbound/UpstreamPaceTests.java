package com.mspanalytics.outbound;

import com.mspanalytics.outbound.PaceProperties;
import com.mspanalytics.outbound.UpstreamProperties;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.outbound.UpstreamCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Pacing of calls to services with a documented request limit ({@link PaceProperties}), per tenant and service. */
class UpstreamPaceTests {

    private static final UpstreamProperties RETRY = new UpstreamProperties(3, Duration.ofMillis(5), Duration.ofSeconds(1),
            Duration.ofSeconds(30));
    private static final MockEnvironment PRODUCTION = new MockEnvironment().withProperty("DATABASE_URL",
            "jdbc:postgresql://db.example/msp");
    private static final MockEnvironment EMBEDDED = new MockEnvironment();

    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final TenantId otherTenant = new TenantId(UUID.randomUUID());

    @Test
    void callsToAPacedServiceAreSpacedSixtySecondsOverItsLimitApart() {
        // 600 a minute = one per 100 ms: the 11th call cannot start before 10 intervals after the first's.
        UpstreamCalls calls = new UpstreamCalls(RETRY, pace(true, Map.of("ConnectWise", 600), Duration.ofSeconds(5)),
                PRODUCTION);
        List<Long> started = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            calls.call(tenant, "connectwise", "/service/tickets", () -> started.add(System.nanoTime()));
        }
        assertThat(Duration.ofNanos(started.get(10) - started.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aCallThatCannotGetItsTurnInTimeFailsWithoutCallingNamingTheSetting() {
        UpstreamCalls calls = new UpstreamCalls(RETRY, pace(true, Map.of("SmileBack", 1), Duration.ofMillis(100)),
                PRODUCTION);
        AtomicInteger made = new AtomicInteger();
        calls.call(tenant, "SmileBack", "/reviews/", made::incrementAndGet);

        assertThatThrownBy(() -> calls.call(tenant, "SmileBack", "/reviews/", made::incrementAndGet))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("SmileBack /reviews/")
                .hasMessageContaining("1 requests a minute")
                .hasMessageContaining("msp.connectors.pace");
        assertThat(made).hasValue(1);
        // another tenant has a pace of its own: its first call goes straight through
        calls.call(otherTenant, "SmileBack", "/reviews/", made::incrementAndGet);
        assertThat(made).hasValue(2);
    }

    @Test
    void pacedByDefaultInProductionOnlyAndOnlyServicesWithALimit() {
        PaceProperties documented = pace(null, Map.of("ConnectWise", 1000, "SmileBack", 30), Duration.ofMinutes(5));

        UpstreamCalls production = new UpstreamCalls(RETRY, documented, PRODUCTION);
        assertThat(production.paces("ConnectWise")).isTrue();
        assertThat(production.paces("SmileBack")).isTrue();
        assertThat(production.paces("Microsoft Graph")).isFalse();
        assertThat(new UpstreamCalls(RETRY, documented, EMBEDDED).paces("ConnectWise")).isFalse();
        assertThat(new UpstreamCalls(RETRY, pace(false, documented.requestsPerMinute(), Duration.ofMinutes(5)),
                PRODUCTION).paces("ConnectWise")).isFalse();
        assertThat(documented.spacing("connectwise")).contains(Duration.ofMillis(60));
        assertThat(documented.spacing("SMILEBACK")).contains(Duration.ofSeconds(2));
    }

    @Test
    void aLimitBelowOneIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> pace(true, Map.of("SmileBack", 0), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("msp.connectors.pace.requests-per-minute.SmileBack");
    }

    private static PaceProperties pace(Boolean enabled, Map<String, Integer> perMinute, Duration maxWait) {
        return new PaceProperties(enabled, perMinute, maxWait);
    }
}
