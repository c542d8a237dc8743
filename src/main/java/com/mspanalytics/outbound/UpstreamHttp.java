package com.mspanalytics.outbound;

import com.mspanalytics.sync.SyncFailure;
import com.mspanalytics.tenant.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every connector client does with HTTP: one tenant's calls to one service, each sent through
 * {@link UpstreamCalls} (retries, circuit breaker) and answered with the body of a 200 as text; any other
 * status is an {@link UpstreamException} with the service's {@code Retry-After}.
 */
public final class UpstreamHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;
    private final UpstreamCalls calls;
    private final TenantId tenant;
    private final String service;

    public UpstreamHttp(RestClient rest, UpstreamCalls calls, TenantId tenant, String service) {
        this.rest = rest;
        this.calls = calls;
        this.tenant = tenant;
        this.service = service;
    }

    public String service() {
        return service;
    }

    /**
     * Sends the request {@code request} builds (anew for every attempt) and returns the body of a 200.
     *
     * @param path what is called, for messages (no query string)
     * @throws UpstreamException on any other status (retried when worth it), or status 0 when the body is cut off
     */
    public String text(String path, Function<RestClient, RestClient.RequestHeadersSpec<?>> request) {
        return new String(bytes(path, request), StandardCharsets.UTF_8);
    }

    /** As {@link #text}, the body's bytes as sent (UTF-8 JSON, parsed as it is). */
    public byte[] bytes(String path, Function<RestClient, RestClient.RequestHeadersSpec<?>> request) {
        return calls.call(tenant, service, path, () -> request.apply(rest).exchange((sent, response) -> {
            int status = response.getStatusCode().value();
            if (status != 200) {
                throw new UpstreamException(service, path, status,
                        UpstreamException.parseRetryAfter(response.getHeaders().getFirst("Retry-After")));
            }
            try {
                return response.getBody().readAllBytes();
            } catch (IOException e) {
                throw new UpstreamException(service, path, 0, null);   // cut mid-body: worth a retry
            }
        }));
    }

    /** {@code url} with {@code query} (names and values encoded here, in the map's order). */
    public static URI uri(String url, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(url);
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> option : query.entrySet()) {
            String name = "v" + i++;   // OData option names ($filter) are no template variable names
            uri.queryParam(option.getKey(), "{" + name + "}");
            values.put(name, option.getValue());
        }
        return uri.encode().buildAndExpand(values).toUri();
    }

    /** An {@code application/x-www-form-urlencoded} body of {@code fields}. */
    public static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    /** Page {@code page} of {@code path} as JSON. */
    public JsonNode parse(String body, String path, int page) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw failure(path, page, "the response is not valid JSON");
        }
    }

    /**
     * A next-page link ({@code what}, for messages), followed verbatim, but only to the host of {@code baseUrl}: a
     * link elsewhere would carry our credentials to it.
     */
    public URI next(String link, String what, String baseUrl, String path, int page) {
        URI next;
        try {
            next = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw failure(path, page, what + " is not a URL");
        }
        URI base = URI.create(baseUrl);
        if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                || next.getPort() != base.getPort()) {
            throw failure(path, page, what + " points to another host");
        }
        return next;
    }

    /** "{@code <service> <path> page <page>: <problem>}", the run's failure. */
    public SyncFailure failure(String path, int page, String problem) {
        return new SyncFailure(service + " " + path + " page " + page + ": " + problem);
    }
}
