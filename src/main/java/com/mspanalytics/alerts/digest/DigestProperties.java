package com.mspanalytics.alerts.digest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param scheduleEnabled whether this node runs the weekly digest job
 * @param checkInterval how often the job looks for tenants whose digest hour has come
 * @param sendUntil how long after its hour a digest still goes out (after downtime or SMTP failures); later, that
 *     week is skipped rather than arriving days late
 * @param smtpTimeout connect, read and write timeout of the SMTP conversation
 */
@ConfigurationProperties("msp.digest")
public record DigestProperties(
        @DefaultValue("true") boolean scheduleEnabled,
        @DefaultValue("15m") Duration checkInterval,
        @DefaultValue("12h") Duration sendUntil,
        @DefaultValue("20s") Duration smtpTimeout) {
}
