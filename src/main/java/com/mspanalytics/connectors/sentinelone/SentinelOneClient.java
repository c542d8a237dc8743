package com.mspanalytics.connectors.sentinelone;

import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamException;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SentinelOne Management API v2.1 (external-apis.md §3) on the customer's own console ({@code baseUrl} is
 * required: there is no shared address): {@code Authorization: ApiToken <token>}, JSON envelopes
 * {@code {"data": [...], "pagination": {"nextCursor": ...}}}.
 */
final class SentinelOneClient {

    static final String SERVICE = "SentinelOne";
    static final String THREATS = "/web/api/v2.1/threats";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;
    private final UpstreamCalls calls;
    private final TenantId tenant;
    private final String baseUrl;

    SentinelOneClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        this.calls = calls;
        this.tenant = tenant;
        String base = credentials.get("baseUrl");
        if (base == null || base.isBlank()) {
            throw new SyncFailure(SERVICE + ": no console URL; set baseUrl (PUT /settings/connectors/sentinelone)");
        }
        this.baseUrl = base.replaceAll("/+$", "").replaceAll("/web/api/v2\\.1$", "");
        this.rest = builder
                .defaultHeader("Authorization", "ApiToken " + credentials.getOrDefault("apiToken", ""))
                .defaultHeader("Accept", "application/json")
                .build();
    }

    /** GET {@code path} with {@code query} (values encoded here); retried and circuit-broken by {@link UpstreamCalls}. */
    String get(String path, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(baseUrl + path);
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            uri.queryParam(name, "{" + name + "}");
            values.put(name, value);
        });
        URI target = uri.encode().buildAndExpand(values).toUri();
        return calls.call(tenant, SERVICE, path, () -> rest.get().uri(target)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status != 200) {
                        throw new UpstreamException(SERVICE, path, status,
                                UpstreamException.parseRetryAfter(response.getHeaders().getFirst("Retry-After")));
                    }
                    try {
                        return new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UpstreamException(SERVICE, path, 0, null);   // cut mid-body: worth a retry
                    }
                }));
    }

    static JsonNode parse(String body, String path, int page) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new SyncFailure(SERVICE + " " + path + " page " + page + ": the response is not valid JSON");
        }
    }
}
