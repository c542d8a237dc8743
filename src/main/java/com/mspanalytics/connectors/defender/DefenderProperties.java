package com.mspanalytics.connectors.defender;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pageSize alerts per request ({@code $top}); Graph's alerts_v2 maximum is unverified, 500 stays well
 *     under every figure seen (2000 used by Elastic, 1000 on the legacy API)
 * @param overlap each incremental run filters {@code lastUpdateDateTime ge} this far before the checkpoint, to
 *     catch alerts changed while the previous run was reading; it should exceed the longest run. Re-read alerts
 *     are not rewritten.
 */
@ConfigurationProperties("msp.connectors.defender")
record DefenderProperties(
        @DefaultValue("500") int pageSize,
        @DefaultValue("10m") Duration overlap) {
}
