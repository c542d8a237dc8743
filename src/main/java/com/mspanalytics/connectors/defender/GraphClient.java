package com.mspanalytics.connectors.defender;

import com.mspanalytics.connectors.OAuthToken;
import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamHttp;
import com.mspanalytics.tenant.TenantId;
import java.net.URI;
import java.util.Map;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Microsoft Graph security API v1.0 (external-apis.md §4): an OAuth2 client-credentials token from
 * {@code tokenUrl} (default the Microsoft identity platform's {@code /{tenantId}/oauth2/v2.0/token}, scope
 * {@code https://graph.microsoft.com/.default}), then {@code Authorization: Bearer} calls. A token that expires
 * mid-run (they last about an hour) is renewed once.
 */
final class GraphClient {

    static final String SERVICE = "Microsoft Graph";
    static final String DEFAULT_BASE_URL = "https://graph.microsoft.com";
    static final String ALERTS = "/v1.0/security/alerts_v2";
    static final String INCIDENTS = "/v1.0/security/incidents";

    private final UpstreamHttp http;
    private final String baseUrl;
    private final OAuthToken token;

    GraphClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        String base = credentials.get("baseUrl");
        this.baseUrl = (base == null || base.isBlank() ? DEFAULT_BASE_URL : base).replaceAll("/+$", "");
        String token = credentials.get("tokenUrl");
        URI tokenUrl = token == null || token.isBlank()
                ? UriComponentsBuilder.fromUriString("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token")
                        .encode().buildAndExpand(credentials.getOrDefault("tenantId", "")).toUri()
                : URI.create(token);
        this.http = new UpstreamHttp(builder.defaultHeader("Accept", "application/json").build(), calls, tenant, SERVICE);
        this.token = new OAuthToken(http, tokenUrl.toString(), Map.of(
                "client_id", credentials.getOrDefault("clientId", ""),
                "client_secret", credentials.getOrDefault("clientSecret", ""),
                "scope", "https://graph.microsoft.com/.default",
                "grant_type", "client_credentials"), "defender");
    }

    UpstreamHttp http() {
        return http;
    }

    /** The first page of {@code path} with OData {@code query} options (values encoded here). */
    URI uri(String path, Map<String, String> query) {
        return UpstreamHttp.uri(baseUrl + path, query);
    }

    /**
     * An {@code @odata.nextLink}, followed verbatim (its contents are opaque), but only to the configured host.
     */
    URI next(String link, String path, int page) {
        return http.next(link, "the @odata.nextLink", baseUrl, path, page);
    }

    /** GET with the bearer token; retried and circuit-broken by {@link UpstreamCalls}. */
    String get(URI target) {
        return token.get(target, Map.of("Prefer", "include-unknown-enum-members"));
    }
}
