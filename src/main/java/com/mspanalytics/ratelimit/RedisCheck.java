package com.mspanalytics.ratelimit;

import com.mspanalytics.health.ComponentCheck;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@code redis} in {@code GET /health}: EMBEDDED when no REDIS_URL is configured (limits counted in
 * this process), otherwise whether Redis answers PING. Never critical: without Redis the service
 * keeps serving with per-node limits ({@link RedisFallbackRateLimiter}).
 */
final class RedisCheck implements ComponentCheck {

    private final @Nullable RedisConnectionFactory redis;

    /** @param redis null when no Redis is configured */
    RedisCheck(@Nullable RedisConnectionFactory redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String status() {
        if (redis == null) {
            return "EMBEDDED";
        }
        try (RedisConnection connection = redis.getConnection()) {
            return "PONG".equals(connection.ping()) ? "UP" : "DOWN";
        } catch (RuntimeException e) {
            return "DOWN";
        }
    }

    @Override
    public boolean critical() {
        return false;
    }
}
