package com.mspanalytics.outbound;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Where connectors get their HTTP clients. Every request is checked by {@link OutboundUrlPolicy}
 * before it is sent, connections go only to addresses the policy vetted, redirects are returned to
 * the caller instead of followed (a redirect is an SSRF by another route), connect and read
 * timeouts are always set, and nothing is retried behind the caller's back. No system proxy is used. Do not replace the request factory.
 */
@Component
public class OutboundHttp {

    private static final int MAX_CONNECTIONS_PER_HOST = 20;
    private static final int MAX_CONNECTIONS = 100;

    private final OutboundUrlPolicy policy;
    private final RequestConfig requestConfig;
    private final CloseableHttpClient client;

    OutboundHttp(OutboundUrlPolicy policy, ConnectorsProperties properties) {
        this.policy = policy;
        Timeout readTimeout = Timeout.of(properties.readTimeout());
        this.requestConfig = RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(readTimeout)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new VettingDnsResolver(policy))
                        // Many tenants share a host (Graph, Slack, Anthropic, whose calls last up to a minute): the
                        // default of 5 connections per host would queue the sixth concurrent call.
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(readTimeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(requestConfig)
                .disableRedirectHandling()
                // Retries belong to UpstreamCalls (Resilience4j), which counts them and honours Retry-After once;
                // the client's own would retry 429 and 503 a second time, out of sight.
                .disableAutomaticRetries()
                .build();
    }

    /** A fresh builder per connector; set its base URL, headers and error handling, then build. */
    public RestClient.Builder restClient() {
        return RestClient.builder()
                .requestFactory(new HttpComponentsClientHttpRequestFactory(client))
                .requestInterceptor((request, body, execution) -> {
                    policy.check(request.getURI());
                    return execution.execute(request, body);
                });
    }

    /**
     * The same rules for a library that takes a RestTemplate rather than a RestClient: Spring Security's ID token
     * decoder fetches the single sign-on provider's keys with one.
     */
    public RestTemplate restTemplate() {
        RestTemplate template = new RestTemplate(new HttpComponentsClientHttpRequestFactory(client));
        template.getInterceptors().add((request, body, execution) -> {
            policy.check(request.getURI());
            return execution.execute(request, body);
        });
        return template;
    }

    /**
     * Sends one request as it is and returns the response open, for a client that needs its own timeout (Claude
     * calls) rather than through {@link #restClient()}. The same rules hold: the URL is checked, the connection goes to
     * a vetted address, redirects are returned and nothing is retried.
     *
     * @param responseTimeout how long to wait for the response and between bytes of it, instead of the connectors'
     *        read timeout (the connect timeout stays theirs)
     * @return the response, which the caller closes
     * @throws OutboundUrlRejected when the URL or an address it resolves to is refused
     */
    public ClassicHttpResponse send(ClassicHttpRequest request, Duration responseTimeout) throws IOException {
        try {
            policy.check(request.getUri());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid request URI", e);
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.copy(requestConfig).setResponseTimeout(Timeout.of(responseTimeout)).build());
        return client.executeOpen(null, request, context);
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
