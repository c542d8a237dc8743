package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.settings.ConnectionCheck;
import com.mspanalytics.tenant.TenantId;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Counts what the KPIs read first: companies, members and service boards ({@code /count} of each). */
@Component
class ConnectWiseConnectionCheck implements ConnectionCheck {

    private final OutboundHttp http;
    private final UpstreamCalls calls;
    private final JsonMapper json;

    ConnectWiseConnectionCheck(OutboundHttp http, UpstreamCalls calls, JsonMapper json) {
        this.http = http;
        this.calls = calls;
        this.json = json;
    }

    @Override
    public String connector() {
        return "connectwise";
    }

    @Override
    public String check(TenantId tenant, Map<String, String> settings) {
        ConnectWiseClient client = new ConnectWiseClient(http.restClient(), calls, tenant, settings);
        return ConnectWiseClient.SERVICE + ": " + count(client, "/company/companies") + " companies, "
                + count(client, "/system/members") + " members, " + count(client, "/service/boards") + " service boards";
    }

    private long count(ConnectWiseClient client, String path) {
        return json.readTree(client.get(path + "/count", Map.of(), Map.of())).path("count").asLong();
    }
}
