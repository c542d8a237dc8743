package com.mspanalytics.connectors.defender;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.settings.ConnectionCheck;
import com.mspanalytics.tenant.TenantId;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Takes a token (client credentials) and counts incidents and alerts with OData's {@code $count}. */
@Component
class DefenderConnectionCheck implements ConnectionCheck {

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final JsonMapper json;

    DefenderConnectionCheck(OutboundHttp http, UpstreamCalls calls, JsonMapper json) {
        this.http = http;
        this.calls = calls;
        this.json = json;
    }

    @Override
    public String connector() {
        return "defender";
    }

    @Override
    public String check(TenantId tenant, Map<String, String> settings) {
        GraphClient client = new GraphClient(http.restClient(), calls, tenant, settings);
        return GraphClient.SERVICE + ": " + count(client, GraphClient.INCIDENTS) + " incidents, "
                + count(client, GraphClient.ALERTS) + " alerts";
    }

    private long count(GraphClient client, String path) {
        return json.readTree(client.get(client.uri(path, Map.of("$top", "1", "$count", "true"))))
                .path("@odata.count").asLong();
    }
}
