package com.mspanalytics.ratelimit;

/**
 * Counts requests in fixed windows aligned to the clock (window n covers the seconds
 * {@code [n·length, (n+1)·length)} since the epoch) and says whether one more fits.
 */
public interface RateLimiter {

    /** Counts one request under {@code key} in the current window, allowed or not. */
    Decision tryAcquire(String key, long limit);

    /** Whether {@code key} has used up {@code limit} in the current window, without counting anything. */
    boolean exhausted(String key, long limit);

    /**
     * @param remaining requests still allowed in this window after this one (never negative)
     * @param resetSeconds whole seconds until the window ends, rounded up so that a client waiting
     *     that long lands in the next window; between 1 and the window length
     */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {

        static Decision counted(long count, long limit, long resetSeconds) {
            return new Decision(count <= limit, limit, Math.max(0, limit - count), resetSeconds);
        }
    }
}
