package com.mspanalytics.connectors.sentinelone;

import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamHttp;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.tenant.TenantId;
import java.net.URI;
import java.util.Map;
import org.springframework.web.client.RestClient;

/**
 * SentinelOne Management API v2.1 on the customer's own console ({@code baseUrl} is
 * required: there is no shared address): {@code Authorization: ApiToken <token>}, JSON envelopes
 * {@code {"data": [...], "pagination": {"nextCursor": ...}}}.
 */
final class SentinelOneClient {

    static final String SERVICE = "SentinelOne";
    static final String THREATS = "/web/api/v2.1/threats";

    private final UpstreamHttp http;
    private final String baseUrl;

    SentinelOneClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        String base = credentials.get("baseUrl");
        if (base == null || base.isBlank()) {
            throw new SyncFailure(SERVICE + ": no console URL; set baseUrl (PUT /settings/connectors/sentinelone)");
        }
        this.baseUrl = base.replaceAll("/+$", "").replaceAll("/web/api/v2\\.1$", "");
        this.http = new UpstreamHttp(builder
                .defaultHeader("Authorization", "ApiToken " + credentials.getOrDefault("apiToken", ""))
                .defaultHeader("Accept", "application/json")
                .build(), calls, tenant, SERVICE);
    }

    UpstreamHttp http() {
        return http;
    }

    /** GET {@code path} with {@code query} (values encoded here); retried and circuit-broken by {@link UpstreamCalls}. */
    String get(String path, Map<String, String> query) {
        URI target = UpstreamHttp.uri(baseUrl + path, query);
        return http.text(path, rest -> rest.get().uri(target));
    }
}
