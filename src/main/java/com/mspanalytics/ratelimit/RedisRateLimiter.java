package com.mspanalytics.ratelimit;

import java.util.List;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts in Redis, so every node shares one count per key and window. Each call is one atomic
 * round trip: a Lua script run by EVALSHA (Spring sends the script itself only the first time, when
 * Redis answers NOSCRIPT), so concurrent requests on any number of nodes can never both take the
 * last slot.
 */
final class RedisRateLimiter implements RateLimiter {

    /**
     * INCR the window's counter; on its first hit give it an expiry, so that Redis forgets windows by
     * itself. The PTTL test also heals a counter that somehow lost its expiry.
     */
    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('EXPIRE', KEYS[1], ARGV[1])
            end
            return count
            """, Long.class);

    /** Keeps a counter a little past its window, for nodes whose clock runs behind. */
    private static final long CLOCK_SKEW_GRACE_SECONDS = 5;

    private final StringRedisTemplate redis;
    private final FixedWindows windows;
    private final String keyPrefix;

    RedisRateLimiter(RedisConnectionFactory connections, FixedWindows windows, String keyPrefix) {
        this.redis = new StringRedisTemplate(connections);
        this.windows = windows;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Decision tryAcquire(String key, long limit) {
        FixedWindows.Window window = windows.current();
        Long count = redis.execute(COUNT, List.of(keyPrefix + ":" + key + ":" + window.id()),
                String.valueOf(window.resetSeconds() + CLOCK_SKEW_GRACE_SECONDS));
        if (count == null) {
            throw new IllegalStateException("Redis returned no count for the rate-limit script");
        }
        return Decision.counted(count, limit, window.resetSeconds());
    }

    @Override
    public boolean exhausted(String key, long limit) {
        String count = redis.opsForValue().get(keyPrefix + ":" + key + ":" + windows.current().id());
        return count != null && Long.parseLong(count) >= limit;
    }
}
