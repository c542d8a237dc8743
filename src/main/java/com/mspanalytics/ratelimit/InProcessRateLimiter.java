package com.mspanalytics.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts in this JVM only: the limiter of a single node without Redis, and the fallback of
 * {@link RedisFallbackRateLimiter}. Counters of past windows are dropped when a new window begins,
 * so memory holds one window of keys.
 */
final class InProcessRateLimiter implements RateLimiter {

    private final FixedWindows windows;
    private final ConcurrentHashMap<WindowKey, AtomicLong> counters = new ConcurrentHashMap<>();
    private final AtomicLong evictedBefore = new AtomicLong(Long.MIN_VALUE);

    InProcessRateLimiter(FixedWindows windows) {
        this.windows = windows;
    }

    @Override
    public Decision tryAcquire(String key, long limit) {
        FixedWindows.Window window = windows.current();
        evictWindowsBefore(window.id());
        long count = counters.computeIfAbsent(new WindowKey(key, window.id()), k -> new AtomicLong()).incrementAndGet();
        return Decision.counted(count, limit, window.resetSeconds());
    }

    @Override
    public boolean exhausted(String key, long limit) {
        AtomicLong count = counters.get(new WindowKey(key, windows.current().id()));
        return count != null && count.get() >= limit;
    }

    /** The first request of a new window sweeps the old ones; the others go on at once. */
    private void evictWindowsBefore(long windowId) {
        long evicted = evictedBefore.get();
        if (evicted < windowId && evictedBefore.compareAndSet(evicted, windowId)) {
            counters.keySet().removeIf(key -> key.window() < windowId);
        }
    }

    private record WindowKey(String key, long window) {
    }
}
