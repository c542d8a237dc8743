package com.mspanalytics.connectors.sentinelone;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.settings.ConnectionCheck;
import com.mspanalytics.tenant.TenantId;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** One threat is enough: the envelope's {@code pagination.totalItems} says how many the console holds. */
@Component
class SentinelOneConnectionCheck implements ConnectionCheck {

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final JsonMapper json;

    SentinelOneConnectionCheck(OutboundHttp http, UpstreamCalls calls, JsonMapper json) {
        this.http = http;
        this.calls = calls;
        this.json = json;
    }

    @Override
    public String connector() {
        return "sentinelone";
    }

    @Override
    public String check(TenantId tenant, Map<String, String> settings) {
        SentinelOneClient client = new SentinelOneClient(http.restClient(), calls, tenant, settings);
        long threats = json.readTree(client.get(SentinelOneClient.THREATS, Map.of("limit", "1")))
                .path("pagination").path("totalItems").asLong();
        return SentinelOneClient.SERVICE + ": " + threats + " threats on the console";
    }
}
