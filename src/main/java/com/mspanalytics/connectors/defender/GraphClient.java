package com.mspanalytics.connectors.defender;

import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamException;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;
    private final UpstreamCalls calls;
    private final TenantId tenant;
    private final String baseUrl;
    private final URI tokenUrl;
    private final Map<String, String> credentials;
    private String accessToken;

    GraphClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        this.calls = calls;
        this.tenant = tenant;
        this.credentials = credentials;
        String base = credentials.get("baseUrl");
        this.baseUrl = (base == null || base.isBlank() ? DEFAULT_BASE_URL : base).replaceAll("/+$", "");
        String token = credentials.get("tokenUrl");
        this.tokenUrl = token == null || token.isBlank()
                ? UriComponentsBuilder.fromUriString("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token")
                        .encode().buildAndExpand(credentials.getOrDefault("tenantId", "")).toUri()
                : URI.create(token);
        this.rest = builder.defaultHeader("Accept", "application/json").build();
    }

    /** The first page of {@code path} with OData {@code query} options (values encoded here). */
    URI uri(String path, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(baseUrl + path);
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> option : query.entrySet()) {
            String name = "v" + i++;
            uri.queryParam(option.getKey(), "{" + name + "}");
            values.put(name, option.getValue());
        }
        return uri.encode().buildAndExpand(values).toUri();
    }

    /**
     * An {@code @odata.nextLink}, followed verbatim (its contents are opaque), but only to the configured host:
     * a link elsewhere would carry our token to it.
     */
    URI next(String link, String path, int page) {
        URI next;
        try {
            next = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new SyncFailure(SERVICE + " " + path + " page " + page + ": the @odata.nextLink is not a URL");
        }
        URI base = URI.create(baseUrl);
        if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                || next.getPort() != base.getPort()) {
            throw new SyncFailure(SERVICE + " " + path + " page " + page + ": the @odata.nextLink points to another host");
        }
        return next;
    }

    /** GET with the bearer token; retried and circuit-broken by {@link UpstreamCalls}. */
    String get(URI target) {
        String path = target.getPath();
        if (accessToken == null) {
            accessToken = requestToken();
        }
        try {
            return fetch(target, path);
        } catch (UpstreamException e) {
            if (e.status() != 401) {
                throw e;
            }
            accessToken = requestToken();   // expired mid-run: one new token, one more try
            return fetch(target, path);
        }
    }

    private String fetch(URI target, String path) {
        String token = accessToken;
        return calls.call(tenant, SERVICE, path, () -> rest.get().uri(target)
                .header("Authorization", "Bearer " + token)
                .header("Prefer", "include-unknown-enum-members")
                .exchange((request, response) -> body(path, response.getStatusCode().value(),
                        response.getHeaders().getFirst("Retry-After"), response.getBody())));
    }

    private String requestToken() {
        String path = tokenUrl.getPath();
        String form = form(Map.of(
                "client_id", credentials.getOrDefault("clientId", ""),
                "client_secret", credentials.getOrDefault("clientSecret", ""),
                "scope", "https://graph.microsoft.com/.default",
                "grant_type", "client_credentials"));
        String body;
        try {
            body = calls.call(tenant, SERVICE, path, () -> rest.post().uri(tokenUrl)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .exchange((request, response) -> body(path, response.getStatusCode().value(),
                            response.getHeaders().getFirst("Retry-After"), response.getBody())));
        } catch (UpstreamException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new SyncFailure(e.getMessage() + ": the token was refused; check the defender credentials "
                    + "(PUT /settings/connectors/defender)");
        }
        try {
            String token = JSON.readTree(body).path("access_token").asString("");
            if (token.isBlank()) {
                throw new SyncFailure(SERVICE + " " + path + ": the token response has no access_token");
            }
            return token;
        } catch (JacksonException e) {
            throw new SyncFailure(SERVICE + " " + path + ": the token response is not valid JSON");
        }
    }

    private static String body(String path, int status, String retryAfter, InputStream in) {
        if (status != 200) {
            throw new UpstreamException(SERVICE, path, status, UpstreamException.parseRetryAfter(retryAfter));
        }
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpstreamException(SERVICE, path, 0, null);   // cut mid-body: worth a retry
        }
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    static JsonNode parse(String body, String path, int page) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new SyncFailure(SERVICE + " " + path + " page " + page + ": the response is not valid JSON");
        }
    }
}
