package com.mspanalytics.connectors.smileback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pageSize reviews per request ({@code limit}; SmileBack allows at most 1000)
 * @param overlap each incremental run asks for {@code modified_since} this far before the checkpoint, to catch
 *     reviews changed while the previous run was reading; it should exceed the longest run. Re-read reviews
 *     are not rewritten.
 */
@ConfigurationProperties("msp.connectors.smileback")
record SmileBackProperties(
        @DefaultValue("1000") int pageSize,
        @DefaultValue("10m") Duration overlap) {
}
