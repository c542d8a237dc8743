package com.mspanalytics.connectors.connectwise;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pageSize records per request (ConnectWise allows at most 1000)
 * @param overlap each incremental run starts this far before its checkpoint, to catch records
 *     written late or with a skewed clock; upserts make the re-read harmless
 * @param reconcileEvery how often ticket and time-entry ids are compared with ConnectWise's, to mark
 *     deleted records (ConnectWise has no tombstones)
 */
@ConfigurationProperties("msp.connectors.connectwise")
record ConnectWiseProperties(
        @DefaultValue("1000") int pageSize,
        @DefaultValue("5m") Duration overlap,
        @DefaultValue("24h") Duration reconcileEvery) {
}
