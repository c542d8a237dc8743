package com.mspanalytics.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lettuce connections tuned for a limiter that must answer fast or not at all: short connect and
 * command timeouts, and commands refused at once while the connection is down (instead of queued
 * until Lettuce reconnects), so that {@link RedisFallbackRateLimiter} can decide without waiting.
 */
final class RedisConnections {

    private RedisConnections() {
    }

    /** A started factory; it connects on first use, and reconnects by itself after an outage. */
    static LettuceConnectionFactory create(RateLimitProperties.Redis redis) {
        RedisURI uri = RedisURI.create(redis.url());
        RedisConfiguration server = LettuceConnectionFactory.createRedisConfiguration(uri);
        if (redis.password() != null && !redis.password().isBlank()
                && server instanceof RedisConfiguration.WithPassword withPassword
                && !withPassword.getPassword().isPresent()) {
            withPassword.setPassword(redis.password());
        }
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .apply(uri) // TLS for rediss://
                .commandTimeout(redis.timeout())
                .clientOptions(ClientOptions.builder()
                        .socketOptions(SocketOptions.builder().connectTimeout(redis.timeout()).build())
                        .timeoutOptions(TimeoutOptions.enabled(redis.timeout()))
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server, client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
