package com.mspanalytics.alerts;

import com.mspanalytics.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl where people reach this service (e.g. https://analytics.example-msp.com); links in Slack alerts
 *     and digests point there, and invitation links start with it. Unset: messages carry no links
 * @param maxAnomaliesPerAlert anomalies shown one by one in a Slack message; the rest are counted
 * @param workers threads delivering Slack alerts (deliveries wait out Slack's Retry-After, never a KPI run)
 */
@ConfigurationProperties("msp.alerts")
public record AlertsProperties(
        @Nullable String publicUrl,
        @DefaultValue("10") int maxAnomaliesPerAlert,
        @DefaultValue("2") int workers) {

    public AlertsProperties {
        if (publicUrl != null && !publicUrl.isBlank() && !publicUrl.strip().matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new InvalidConfigurationException("PUBLIC_URL (msp.alerts.public-url) must be an http(s) URL like "
                    + "https://analytics.example.com",
                    "Set PUBLIC_URL to the address people open the service at, or leave it empty for messages without links.");
        }
    }

    /** {@code path} under the public URL, or null when none is configured. */
    public @Nullable String link(String path) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return null;
        }
        String base = publicUrl.strip();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
