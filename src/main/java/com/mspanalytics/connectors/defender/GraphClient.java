package com.mspanalytics.connectors.defender;

import com.mspanalytics.connectors.OAuthToken;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.outbound.UpstreamHttp;
import com.mspanalytics.connectors.WatermarkPages;
import com.mspanalytics.sync.SyncSession;
import com.mspanalytics.tenant.TenantId;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Microsoft Graph security API v1.0: an OAuth2 client-credentials token from
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

    /**
     * Stores every record of {@code path} updated since the checkpoint (less {@code overlap}): Graph answers newest
     * first, so every page to the last nextLink is read before the watermark moves.
     *
     * @param permission the Graph permission a 401/403 names, e.g. "SecurityAlert.Read.All"
     */
    void pullUpdated(SyncSession session, String path, String checkpoint, WatermarkPages.Feed feed, Duration overlap,
            int top, String permission) {
        WatermarkPages pages = new WatermarkPages(session, http(), checkpoint, feed);
        Map<String, String> query = new LinkedHashMap<>();
        pages.watermark().ifPresent(watermark -> query.put("$filter", "lastUpdateDateTime ge " + watermark.minus(overlap)));
        query.put("$top", String.valueOf(top));
        pages.followLinks(uri(path, query), path, "@odata.nextLink", (target, page) -> {
            try {
                return get(target);
            } catch (UpstreamException e) {
                throw e.onPage(page, "; check the defender credentials and the app's " + permission
                        + " permission (PUT /settings/connectors/defender)");
            }
        }, (link, page) -> next(link, path, page));
    }
}
