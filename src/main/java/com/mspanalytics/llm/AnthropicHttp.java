package com.mspanalytics.llm;

import com.anthropic.backends.Backend;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpRequestBody;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.OutboundUrlRejected;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityTemplate;
import org.apache.hc.core5.net.URIBuilder;

/**
 * The Anthropic SDK's HTTP client on top of {@link OutboundHttp}, in place of the SDK's OkHttp client, which resolves
 * the host itself: so Claude's connections, like every connector's, go only to addresses the SSRF policy vetted
 * (no DNS rebinding), redirects are not followed and nothing is retried here. The SDK's own retries (408, 409, 429,
 * 5xx and 529, per {@code retry-after}) sit above this client and are unchanged.
 *
 * <p>It does what the SDK's OkHttp client did around each call: the backend prepares and authorises the request and
 * prepares the response; the per-request timeouts apply ({@code read} to the wait for the response and between its
 * bytes, {@code request} as a deadline for the whole attempt, body included; the connect timeout is the connectors')
 * and are sent as {@code X-Stainless-Read-Timeout} / {@code X-Stainless-Timeout}; an I/O failure is an
 * {@link AnthropicIoException}, which the SDK retries. A refused address is an {@link OutboundUrlRejected}, which it
 * does not. Blocking calls only: {@code executeAsync} fails.
 */
final class AnthropicHttp implements HttpClient {

    /** Computed from the entity by the HTTP client; a copy from the SDK's headers would be refused as a duplicate. */
    private static final List<String> FRAMING_HEADERS = List.of("content-length", "transfer-encoding");

    private final OutboundHttp http;
    private final Backend backend;

    AnthropicHttp(OutboundHttp http, Backend backend) {
        this.http = http;
        this.backend = backend;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
        HttpRequest prepared = prepare(request);
        Timeout timeout = requestOptions.timeout().orElseGet(() -> Timeout.builder().build());
        HttpUriRequestBase outbound = outbound(prepared, timeout);
        // The whole attempt, as OkHttp's call timeout bounded it: cancelling aborts the connection mid-read.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(outbound::cancel,
                CompletableFuture.delayedExecutor(timeout.request().toMillis(), TimeUnit.MILLISECONDS));
        try {
            ClassicHttpResponse response = http.send(outbound, timeout.read());
            return prepareResponse(new Response(response, deadline));
        } catch (IOException e) {
            deadline.cancel(false);
            OutboundUrlRejected refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new AnthropicIoException("Request failed", e);
        } catch (RuntimeException e) {
            deadline.cancel(false);
            throw e;
        } finally {
            prepared.body().ifPresent(HttpRequestBody::close);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "Claude's HTTP client is blocking only; use the synchronous AnthropicClient"));
    }

    @Override
    public void close() {
        backend.close();
    }

    /** As the OkHttp client: the backend's preparation, the full URL as the base URL, then its authorisation. */
    private HttpRequest prepare(HttpRequest request) {
        HttpRequest prepared = backend.prepareRequest(request);
        HttpRequest resolved = prepared.toBuilder().baseUrl(url(prepared).toString()).build();
        return backend.authorizeRequest(resolved);
    }

    private HttpResponse prepareResponse(HttpResponse response) {
        try {
            return backend.prepareResponse(response);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** Base URL, then the path segments (each encoded), then the query parameters. */
    private static URI url(HttpRequest request) {
        try {
            URIBuilder url = new URIBuilder(request.baseUrl());
            List<String> path = new ArrayList<>(url.getPathSegments());
            if (!path.isEmpty() && path.get(path.size() - 1).isEmpty()) {
                path.remove(path.size() - 1);
            }
            path.addAll(request.pathSegments());
            url.setPathSegments(path);
            for (String key : request.queryParams().keys()) {
                for (String value : request.queryParams().values(key)) {
                    url.addParameter(key, value);
                }
            }
            return url.build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid Anthropic base URL", e);
        }
    }

    private static HttpUriRequestBase outbound(HttpRequest request, Timeout timeout) {
        HttpUriRequestBase outbound = new HttpUriRequestBase(request.method().name(), URI.create(request.baseUrl()));
        Headers headers = request.headers();
        for (String name : headers.names()) {
            if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.values(name).forEach(value -> outbound.addHeader(name, value));
            }
        }
        addTimeoutHeader(outbound, headers, "X-Stainless-Read-Timeout", timeout.read());
        addTimeoutHeader(outbound, headers, "X-Stainless-Timeout", timeout.request());
        request.body().ifPresent(body -> outbound.setEntity(entity(body)));
        return outbound;
    }

    private static void addTimeoutHeader(HttpUriRequestBase outbound, Headers headers, String name, Duration timeout) {
        if (!headers.names().contains(name) && !timeout.isZero()) {
            outbound.addHeader(name, String.valueOf(timeout.getSeconds()));
        }
    }

    private static HttpEntity entity(HttpRequestBody body) {
        ContentType type = body.contentType() == null ? null : ContentType.parse(body.contentType());
        return new EntityTemplate(body.contentLength(), type, null, body::writeTo);
    }

    private static OutboundUrlRejected refusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OutboundUrlRejected refused) {
                return refused;
            }
        }
        return null;
    }

    /** The open response; closing it ends the attempt's deadline and returns or discards the connection. */
    private static final class Response implements HttpResponse {

        private final ClassicHttpResponse response;
        private final CompletableFuture<Void> deadline;
        private final Headers headers;
        private InputStream body;

        Response(ClassicHttpResponse response, CompletableFuture<Void> deadline) {
            this.response = response;
            this.deadline = deadline;
            Headers.Builder headers = Headers.builder();
            for (Header header : response.getHeaders()) {
                headers.put(header.getName(), header.getValue());
            }
            this.headers = headers.build();
        }

        @Override
        public int statusCode() {
            return response.getCode();
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public synchronized InputStream body() {
            if (body == null) {
                HttpEntity entity = response.getEntity();
                try {
                    body = entity == null ? InputStream.nullInputStream() : entity.getContent();
                } catch (IOException e) {
                    throw new AnthropicIoException("Could not read the response", e);
                }
            }
            return body;
        }

        @Override
        public void close() {
            deadline.cancel(false);
            try {
                response.close();
            } catch (IOException e) {
                // The connection is discarded either way; nothing the caller could do about it.
            }
        }
    }
}
