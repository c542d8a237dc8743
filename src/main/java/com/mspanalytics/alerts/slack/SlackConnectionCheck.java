package com.mspanalytics.alerts.slack;

import com.mspanalytics.settings.ConnectionCheck;
import com.mspanalytics.tenant.TenantId;
import java.net.URI;
import java.util.Map;
import org.springframework.stereotype.Component;

/** An incoming webhook can only post: the test posts one short message, so the channel shows it worked. */
@Component
class SlackConnectionCheck implements ConnectionCheck {

    private final SlackWebhookClient slack;

    SlackConnectionCheck(SlackWebhookClient slack) {
        this.slack = slack;
    }

    @Override
    public String connector() {
        return "slack";
    }

    @Override
    public String check(TenantId tenant, Map<String, String> settings) {
        try {
            slack.post(tenant, URI.create(settings.get("webhookUrl")),
                    Map.of("text", "MSP Analytics: a test message from the settings page. Anomaly alerts will arrive here."));
            return "Slack: the test message was posted to the webhook's channel";
        } catch (SlackWebhookClient.Failed e) {
            return "Failed: " + e.getMessage() + ".";
        }
    }
}
