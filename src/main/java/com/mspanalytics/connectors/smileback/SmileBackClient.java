package com.mspanalytics.connectors.smileback;

import com.mspanalytics.connectors.OAuthToken;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamHttp;
import com.mspanalytics.tenant.TenantId;
import java.net.URI;
import java.util.Map;
import org.springframework.web.client.RestClient;

/**
 * SmileBack Data Replication API v3: an OAuth2 resource-owner password grant at
 * {@code <base>/token/} (client id and secret as form fields, scope {@code read read_recent}), then
 * {@code Authorization: Bearer} calls under {@code <base>/v3/}. A token that expires mid-run is renewed once.
 */
final class SmileBackClient {

    static final String SERVICE = "SmileBack";
    static final String DEFAULT_BASE_URL = "https://app.smileback.io/api";
    static final String REVIEWS = "/v3/reviews/";
    private static final String TOKEN = "/token/";

    private final UpstreamHttp http;
    private final String baseUrl;
    private final OAuthToken token;

    SmileBackClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        String base = credentials.getOrDefault("baseUrl", "");
        this.baseUrl = (base == null || base.isBlank() ? DEFAULT_BASE_URL : base).replaceAll("/+$", "");
        this.http = new UpstreamHttp(builder.defaultHeader("Accept", "application/json").build(), calls, tenant, SERVICE);
        this.token = new OAuthToken(http, baseUrl + TOKEN, Map.of(
                "grant_type", "password",
                "username", credentials.getOrDefault("username", ""),
                "password", credentials.getOrDefault("password", ""),
                "client_id", credentials.getOrDefault("clientId", ""),
                "client_secret", credentials.getOrDefault("clientSecret", ""),
                "scope", "read read_recent"), "smileback");
    }

    UpstreamHttp http() {
        return http;
    }

    /** The first page of {@code path} with {@code query} (values encoded here). */
    URI uri(String path, Map<String, String> query) {
        return UpstreamHttp.uri(baseUrl + path, query);
    }

    /** A {@code next} link from a page, followed verbatim, but only to the configured host. */
    URI next(String link, String path, int page) {
        return http.next(link, "the next-page link", baseUrl, path, page);
    }

    /** GET with the bearer token; retried and circuit-broken by {@link UpstreamCalls}. */
    String get(URI target) {
        return token.get(target, Map.of());
    }
}
