package com.mspanalytics.connectors;

import com.mspanalytics.outbound.UpstreamException;
import com.mspanalytics.outbound.UpstreamHttp;
import com.mspanalytics.outbound.UpstreamCalls;
import com.mspanalytics.sync.SyncFailure;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OAuth2 access token from a form grant (password or client credentials) at a token endpoint, fetched when
 * first needed and kept for the run; a call answered 401 (the token expired mid-run) gets one new token and one
 * more try. Calls carry it as {@code Authorization: Bearer}.
 */
public final class OAuthToken {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UpstreamHttp http;
    private final String tokenUrl;
    private final Map<String, String> grant;
    private final String connector;
    private String accessToken;

    /**
     * @param tokenUrl the token endpoint
     * @param grant the form fields of the grant
     * @param connector e.g. "smileback": where its credentials are set, for the message of a refused token
     */
    public OAuthToken(UpstreamHttp http, String tokenUrl, Map<String, String> grant, String connector) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.grant = grant;
        this.connector = connector;
    }

    /** GET {@code target} with the bearer token and {@code headers}; retried and circuit-broken by {@link UpstreamCalls}. */
    public String get(URI target, Map<String, String> headers) {
        String path = target.getPath();
        if (accessToken == null) {
            accessToken = request();
        }
        try {
            return fetch(target, path, headers);
        } catch (UpstreamException e) {
            if (e.status() != 401) {
                throw e;
            }
            accessToken = request();   // expired mid-run: one new token, one more try
            return fetch(target, path, headers);
        }
    }

    private String fetch(URI target, String path, Map<String, String> headers) {
        String token = accessToken;
        return http.text(path, rest -> rest.get().uri(target)
                .header("Authorization", "Bearer " + token)
                .headers(h -> headers.forEach(h::set)));
    }

    private String request() {
        URI target = URI.create(tokenUrl);
        String path = target.getPath();
        String form = UpstreamHttp.form(grant);
        String body;
        try {
            body = http.text(path, rest -> rest.post().uri(target)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form));
        } catch (UpstreamException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new SyncFailure(e.getMessage() + ": the token was refused; check the " + connector + " credentials "
                    + "(PUT /settings/connectors/" + connector + ")");
        }
        try {
            String token = JSON.readTree(body).path("access_token").asString("");
            if (token.isBlank()) {
                throw new SyncFailure(http.service() + " " + path + ": the token response has no access_token");
            }
            return token;
        } catch (JacksonException e) {
            throw new SyncFailure(http.service() + " " + path + ": the token response is not valid JSON");
        }
    }
}
