package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamHttp;
import com.mspanalytics.tenant.TenantId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.web.client.RestClient;

/**
 * ConnectWise PSA REST API 3.0: Basic auth {@code companyId+publicKey:privateKey}, the
 * {@code clientId} header, JSON bodies. Returns response bodies as text; callers parse and store them.
 */
final class ConnectWiseClient {

    static final String SERVICE = "ConnectWise";
    static final String DEFAULT_BASE_URL = "https://api-na.myconnectwise.net/v4_6_release/apis/3.0";

    private final UpstreamHttp http;
    private final String baseUrl;

    ConnectWiseClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        String base = credentials.getOrDefault("baseUrl", "");
        this.baseUrl = (base.isBlank() ? DEFAULT_BASE_URL : base).replaceAll("/+$", "");
        String login = credentials.get("companyId") + "+" + credentials.get("publicKey") + ":" + credentials.get("privateKey");
        this.http = new UpstreamHttp(builder
                .defaultHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
                .defaultHeader("clientId", credentials.get("clientId"))
                .defaultHeader("Accept", "application/vnd.connectwise.com+json; version=2022.1, application/json")
                .build(), calls, tenant, SERVICE);
    }

    /** GET {@code path} with {@code query} (values encoded here); retried and circuit-broken by {@link UpstreamCalls}. */
    String get(String path, Map<String, String> query, Map<String, String> headers) {
        return new String(bytes(path, query, headers), StandardCharsets.UTF_8);
    }

    /** As {@link #get}, the body's bytes. */
    byte[] bytes(String path, Map<String, String> query, Map<String, String> headers) {
        URI target = UpstreamHttp.uri(baseUrl + path, query);
        return http.bytes(path, rest -> rest.get().uri(target).headers(h -> headers.forEach(h::set)));
    }
}
