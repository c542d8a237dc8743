package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamException;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * ConnectWise PSA REST (external-apis.md §1): Basic auth {@code companyId+publicKey:privateKey}, the
 * {@code clientId} header, JSON bodies. Returns response bodies as text; callers parse and store them.
 */
final class ConnectWiseClient {

    static final String SERVICE = "ConnectWise";
    static final String DEFAULT_BASE_URL = "https://api-na.myconnectwise.net/v4_6_release/apis/3.0";

    private final RestClient rest;
    private final UpstreamCalls calls;
    private final TenantId tenant;
    private final String baseUrl;

    ConnectWiseClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        this.calls = calls;
        this.tenant = tenant;
        String base = credentials.getOrDefault("baseUrl", "");
        this.baseUrl = (base.isBlank() ? DEFAULT_BASE_URL : base).replaceAll("/+$", "");
        String login = credentials.get("companyId") + "+" + credentials.get("publicKey") + ":" + credentials.get("privateKey");
        this.rest = builder
                .defaultHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
                .defaultHeader("clientId", credentials.get("clientId"))
                .defaultHeader("Accept", "application/vnd.connectwise.com+json; version=2022.1, application/json")
                .build();
    }

    /** GET {@code path} with {@code query} (values encoded here); retried and circuit-broken by {@link UpstreamCalls}. */
    String get(String path, Map<String, String> query, Map<String, String> headers) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(baseUrl + path);
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            uri.queryParam(name, "{" + name + "}");
            values.put(name, value);
        });
        URI target = uri.encode().buildAndExpand(values).toUri();
        return calls.call(tenant, SERVICE, path, () -> rest.get().uri(target)
                .headers(h -> headers.forEach(h::set))
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
}
