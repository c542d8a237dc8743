package com.mspanalytics.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One simulated service on loopback: the JDK's HTTP server, the service's handler, and around it the fault
 * switches and the request log. Faults are decided before the handler runs, so an injected 429 or 5xx has no side effects.
 */
public final class SimServer implements AutoCloseable {

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "cookie");

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every keep-alive response waits
        // for the client's delayed ACK (~40 ms on loopback). The property is read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults;
    private final ServiceErrors errors;
    private volatile Function<SimRequest, SimResponse> handler;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong handlerNanos = new AtomicLong(), busyNanos = new AtomicLong();
    private final ConcurrentLinkedQueue<RecordedRequest> log = new ConcurrentLinkedQueue<>();

    private SimServer(HttpServer server, Faults faults, ServiceErrors errors) {
        this.server = server;
        this.faults = faults;
        this.errors = errors;
        this.executor = Executors.newCachedThreadPool(r -> {
            var thread = new Thread(r, "simulator-http");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts serving on 127.0.0.1; port 0 picks a free one. */
    public static SimServer start(int port, Faults faults, ServiceErrors errors, Function<SimRequest, SimResponse> handler) {
        var server = bind(port, faults, errors);
        server.serve(handler);
        return server;
    }

    /** Claims the port without serving yet, for a simulator whose records need its own base URL first. */
    public static SimServer bind(int port, Faults faults, ServiceErrors errors) {
        try {
            return new SimServer(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), faults, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public void serve(Function<SimRequest, SimResponse> handler) {
        this.handler = handler;
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Faults faults() { return faults; }

    public List<RecordedRequest> requests() { return List.copyOf(log); }

    public void clearRequests() { log.clear(); }

    /** Restart the request numbering the fault schedule is drawn from, so a test can replay it from request 1. */
    public void resetRequestCount() { requests.set(0); }

    private void serve(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            var request = read(exchange);
            long latency = faults.latencyMillis();
            if (latency > 0) sleep(latency);
            SimResponse response = switch (faults.decide(requests.incrementAndGet())) {
                case DROP -> null;
                case RATE_LIMIT -> errors.tooManyRequests(faults.retryAfterSeconds());
                case SERVER_ERROR -> errors.serverError();
                case NONE -> {
                    long handling = System.nanoTime();
                    var answer = handle(request);
                    handlerNanos.addAndGet(System.nanoTime() - handling);
                    yield answer;
                }
            };
            record(request, response);
            if (response == null) return;   // closing the exchange unanswered drops the connection
            byte[] body = response.body();
            if (response.status() == 200 && faults.truncate(request.path())) {
                body = java.util.Arrays.copyOf(body, body.length / 2);
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
        } finally {
            busyNanos.addAndGet(System.nanoTime() - started);
        }
    }

    /** Time spent in the service's handler (building responses), summed over requests (benchmarks). */
    public long handlerNanos() { return handlerNanos.get(); }

    /** Time from reading a request to having written its response, summed over requests (benchmarks). */
    public long busyNanos() { return busyNanos.get(); }

    private SimResponse handle(SimRequest request) {
        try {
            return handler.apply(request);
        } catch (RuntimeException e) {
            // a simulator bug must surface as a failing test, not as a silently dropped connection
            return errors.serverError().withHeader("X-Simulator-Error", String.valueOf(e));
        }
    }

    private void record(SimRequest request, SimResponse response) {
        var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((k, v) -> headers.put(k, SECRET_HEADERS.contains(k.toLowerCase()) ? "****" : v));
        log.add(new RecordedRequest(request.method(), request.path(), request.rawQuery(), headers,
                request.bodyText(), response == null ? 0 : response.status()));
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        var uri = exchange.getRequestURI();
        String host = exchange.getRequestHeaders().getFirst("Host");
        return new SimRequest(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                SimRequest.caseInsensitive(headers), SimRequest.parseQuery(uri.getRawQuery()),
                exchange.getRequestBody().readAllBytes(), "http://" + host);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
