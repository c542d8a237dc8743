package com.mspanalytics.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * One real Redis server per test JVM, shared like {@link TestDatabase}, with a password as in the
 * compose file. Tests that stop Redis start their own with {@link #start(int)}.
 */
public final class TestRedis {

    public static final String PASSWORD = "redis-password-for-tests-only-9q2w";

    private static RedisServer shared;
    private static int sharedPort;

    private TestRedis() {
    }

    /** {@code redis://127.0.0.1:<port>} of the shared server; the password goes apart, as REDIS_PASSWORD. */
    public static synchronized String url() {
        if (shared == null) {
            sharedPort = freePort();
            shared = start(sharedPort);
        }
        return url(sharedPort);
    }

    public static String url(int port) {
        return "redis://127.0.0.1:" + port;
    }

    public static RedisServer start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("requirepass " + PASSWORD)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void stop(RedisServer server) {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
