package com.mspanalytics.sync;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads a source's pages on a thread of its own while the run's thread stores them: page N+1 is fetched and parsed
 * while page N is written, at most one page ahead (plus the one being read). Pages are stored in order, on the
 * caller's thread (its transactions, its tenant), so checkpoints move exactly as without read-ahead.
 *
 * <p>A failure to read a page is thrown by {@link #run} once every page before it is stored, so a run fails where
 * it would have without read-ahead and its checkpoint stays before the failed page. A failure to store a page stops
 * the reader (it reads at most the page it is on) and is thrown at once.
 */
public final class PagePipeline {

    /** Reads the page after {@code previous} (the first when null); null when there is none. */
    @FunctionalInterface
    public interface Reader<P> {
        P next(P previous);
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private sealed interface Item<P> permits Page, End, Failed {}

    private record Page<P>(P page) implements Item<P> {}

    private record End<P>() implements Item<P> {}

    private record Failed<P>(Throwable failure) implements Item<P> {}

    private PagePipeline() {
    }

    /**
     * Reads with {@code reader} on a new thread (named after {@code name}) and stores every page with {@code store}
     * on this one, in order, until the reader returns null or either fails.
     */
    public static <P> void run(String name, Reader<P> reader, Consumer<P> store) {
        BlockingQueue<Item<P>> ready = new ArrayBlockingQueue<>(1);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread thread = new Thread(() -> read(reader, ready, stopped), "sync-read-" + name + "-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        try {
            while (true) {
                Item<P> item = ready.take();
                if (item instanceof Page<P> page) {
                    store.accept(page.page());
                } else if (item instanceof Failed<P> failed) {
                    throw rethrow(failed.failure());
                } else {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailure("interrupted");
        } finally {
            stopped.set(true);
        }
    }

    private static <P> void read(Reader<P> reader, BlockingQueue<Item<P>> ready,
            AtomicBoolean stopped) {
        try {
            P page = null;
            do {
                page = reader.next(page);
            } while (page != null && offer(ready, new Page<>(page), stopped));
            if (page == null) {
                offer(ready, new End<>(), stopped);
            }
        } catch (RuntimeException | Error e) {
            offer(ready, new Failed<>(e), stopped);
        }
    }

    /** Hands {@code item} over, waiting while the store is busy; false once the store has stopped. */
    private static <P> boolean offer(BlockingQueue<Item<P>> ready, Item<P> item,
            AtomicBoolean stopped) {
        try {
            while (!stopped.get()) {
                if (ready.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
