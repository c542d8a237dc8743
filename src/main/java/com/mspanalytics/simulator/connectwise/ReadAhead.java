package com.mspanalytics.simulator.connectwise;

import com.mspanalytics.simulator.http.SimResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the page a keyset reader will ask for next while it is busy storing the one it just got, as a server with
 * read-ahead would: after serving positions [a, b) of an index's (lastUpdated, id) order, the JSON of [b, b + size)
 * is built on a background thread. A request whose page resolves to exactly those positions of the same index (so
 * the same clock position) gets those bytes; any other request is rendered as usual. The bytes are what rendering
 * on the request thread would produce, since they come from the same records through the same writer.
 */
final class ReadAhead {

    /** Positions [from, to) of one index's order, rendered whole (no {@code fields}). */
    private record Span(KeysetIndex index, int from, int to) {}

    private record Pending(Span span, CompletableFuture<byte[]> body) {}

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "connectwise-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Pending pending;
    private final AtomicLong renderNanos = new AtomicLong();

    /**
     * The body of {@code page} (records at {@code from}…{@code to} of the selection), from the read-ahead when it
     * prepared exactly these; then starts preparing the next page of the same size.
     */
    byte[] body(KeysetIndex.Selection selection, int from, int to, int pageSize) {
        var span = new Span(selection.index(), selection.start() + from, selection.start() + to);
        byte[] body = null;
        Pending ready = pending;
        if (ready != null && ready.span().equals(span)) {
            try {
                body = ready.body().join();
            } catch (RuntimeException e) {
                body = null;   // rendered below, as without read-ahead
            }
        }
        if (body == null) body = render(selection.index(), selection.records(), span.from(), span.to());
        int nextTo = Math.min(selection.index().size(), span.to() + pageSize);
        if (span.to() < nextTo) {
            var next = new Span(selection.index(), span.to(), nextTo);
            List<ObjectNode> records = selection.records();
            pending = new Pending(next, CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                byte[] rendered = render(next.index(), records, next.from(), next.to());
                renderNanos.addAndGet(System.nanoTime() - started);
                return rendered;
            }, executor));
        }
        return body;
    }

    private static byte[] render(KeysetIndex index, List<ObjectNode> records, int from, int to) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = from; i < to; i++) array.add(records.get(index.positionByUpdated(i)));
        return SimResponse.JSON.writeValueAsBytes(array);
    }

    /** Time spent rendering pages ahead, off the request path (benchmarks). */
    long renderNanos() { return renderNanos.get(); }

    void close() {
        executor.shutdownNow();
    }
}
