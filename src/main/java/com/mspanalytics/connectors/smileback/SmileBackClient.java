package com.mspanalytics.connectors.smileback;

import com.mspanalytics.connectors.UpstreamCalls;
import com.mspanalytics.connectors.UpstreamException;
import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
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
 * SmileBack Data Replication API v3 (external-apis.md §2): an OAuth2 resource-owner password grant at
 * {@code <base>/token/} (client id and secret as form fields, scope {@code read read_recent}), then
 * {@code Authorization: Bearer} calls under {@code <base>/v3/}. A token that expires mid-run is renewed once.
 */
final class SmileBackClient {

    static final String SERVICE = "SmileBack";
    static final String DEFAULT_BASE_URL = "https://app.smileback.io/api";
    static final String REVIEWS = "/v3/reviews/";
    private static final String TOKEN = "/token/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;
    private final UpstreamCalls calls;
    private final TenantId tenant;
    private final String baseUrl;
    private final Map<String, String> credentials;
    private String accessToken;

    SmileBackClient(RestClient.Builder builder, UpstreamCalls calls, TenantId tenant, Map<String, String> credentials) {
        this.calls = calls;
        this.tenant = tenant;
        this.credentials = credentials;
        String base = credentials.getOrDefault("baseUrl", "");
        this.baseUrl = (base == null || base.isBlank() ? DEFAULT_BASE_URL : base).replaceAll("/+$", "");
        this.rest = builder.defaultHeader("Accept", "application/json").build();
    }

    /** The first page of {@code path} with {@code query} (values encoded here). */
    URI uri(String path, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(baseUrl + path);
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            uri.queryParam(name, "{" + name + "}");
            values.put(name, value);
        });
        return uri.encode().buildAndExpand(values).toUri();
    }

    /**
     * A {@code next} link from a page, followed verbatim, but only to the configured host: a link elsewhere would
     * carry our token to it.
     */
    URI next(String link, String path, int page) {
        URI next;
        try {
            next = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new SyncFailure(SERVICE + " " + path + " page " + page + ": the next-page link is not a URL");
        }
        URI base = URI.create(baseUrl);
        if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                || next.getPort() != base.getPort()) {
            throw new SyncFailure(SERVICE + " " + path + " page " + page + ": the next-page link points to another host");
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
                .exchange((request, response) -> body(path, response.getStatusCode().value(),
                        response.getHeaders().getFirst("Retry-After"), response.getBody())));
    }

    private String requestToken() {
        String path = URI.create(baseUrl + TOKEN).getPath();
        String form = form(Map.of(
                "grant_type", "password",
                "username", credentials.getOrDefault("username", ""),
                "password", credentials.getOrDefault("password", ""),
                "client_id", credentials.getOrDefault("clientId", ""),
                "client_secret", credentials.getOrDefault("clientSecret", ""),
                "scope", "read read_recent"));
        String body;
        try {
            body = calls.call(tenant, SERVICE, path, () -> rest.post().uri(URI.create(baseUrl + TOKEN))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .exchange((request, response) -> body(path, response.getStatusCode().value(),
                            response.getHeaders().getFirst("Retry-After"), response.getBody())));
        } catch (UpstreamException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new SyncFailure(e.getMessage() + ": the token was refused; check the smileback credentials "
                    + "(PUT /settings/connectors/smileback)");
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

    private static String body(String path, int status, String retryAfter, java.io.InputStream in) {
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
