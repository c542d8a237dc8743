package com.mspanalytics.connectors.sentinelone;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pageSize threats per request ({@code limit}, 1–1000)
 * @param overlap each incremental run asks for {@code updatedAt__gte} this far before the checkpoint, to catch
 *     threats written late or stamped by a skewed clock; re-read threats are not rewritten
 */
@ConfigurationProperties("msp.connectors.sentinelone")
record SentinelOneProperties(
        @DefaultValue("1000") int pageSize,
        @DefaultValue("5m") Duration overlap) {
}
