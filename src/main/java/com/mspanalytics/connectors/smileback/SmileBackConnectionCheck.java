package com.mspanalytics.connectors.smileback;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.settings.ConnectionCheck;
import com.mspanalytics.tenant.TenantId;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Signs in with the password grant and reads one review: the page's {@code count} is every review there is. */
@Component
class SmileBackConnectionCheck implements ConnectionCheck {

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final JsonMapper json;

    SmileBackConnectionCheck(OutboundHttp http, UpstreamCalls calls, JsonMapper json) {
        this.http = http;
        this.calls = calls;
        this.json = json;
    }

    @Override
    public String connector() {
        return "smileback";
    }

    @Override
    public String check(TenantId tenant, Map<String, String> settings) {
        SmileBackClient client = new SmileBackClient(http.restClient(), calls, tenant, settings);
        long reviews = json.readTree(client.get(client.uri(SmileBackClient.REVIEWS,
                Map.of("include_unrated", "true", "limit", "1")))).path("count").asLong();
        return SmileBackClient.SERVICE + ": " + reviews + " reviews";
    }
}
