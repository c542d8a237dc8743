package com.mspanalytics.alerts.slack;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.outbound.UpstreamHttp;
import com.mspanalytics.tenant.TenantId;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Slack incoming webhook through the connectors' outbound HTTP (URL
 * policy, timeouts, no redirects) and retry policy: 429 waits out {@code Retry-After}, 5xx and dropped
 * connections back off and retry, any other answer is final. Success is 200 with the body {@code ok}.
 * The webhook URL is the credential, so no message or log ever names it.
 */
@Component
class SlackWebhookClient {

    /** What a failure message calls the webhook, instead of its secret URL. */
    private static final String PATH = "incoming webhook";

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final JsonMapper json;

    SlackWebhookClient(OutboundHttp http, UpstreamCalls calls, JsonMapper json) {
        this.http = http;
        this.calls = calls;
        this.json = json;
    }

    /**
     * @return the number of attempts it took
     * @throws Failed when Slack did not take the message, with the number of attempts made
     */
    int post(TenantId tenant, URI webhook, Map<String, Object> payload) {
        String body = json.writeValueAsString(payload);
        AtomicInteger attempts = new AtomicInteger();
        UpstreamHttp slack = new UpstreamHttp(http.restClient().build(), calls, tenant, "Slack");
        try {
            String answer = slack.text(PATH, rest -> {
                attempts.incrementAndGet();
                return rest.post().uri(webhook).contentType(MediaType.APPLICATION_JSON).body(body);
            });
            if (!"ok".equals(answer.strip())) {
                throw new Failed("Slack " + PATH + " answered 200 without \"ok\"", attempts.get());
            }
            return attempts.get();
        } catch (UpstreamException e) {
            throw new Failed(e.getMessage() + hint(e.status()), attempts.get());
        }
    }

    /** Slack's permanent answers (400 invalid_payload, 403, 404 no_service, 410 channel_is_archived) mean the hook must be fixed. */
    private static String hint(int status) {
        return status >= 400 && status < 500 && status != 429
                ? "; check the slack webhook (PUT /settings/connectors/slack)" : "";
    }

    static final class Failed extends RuntimeException {

        private final int attempts;

        Failed(String message, int attempts) {
            super(message);
            this.attempts = attempts;
        }

        int attempts() {
            return attempts;
        }
    }
}
