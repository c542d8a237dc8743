package com.mspanalytics.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries on the classpath, with its data under
 * {@code DATA_DIR/postgres} so that it survives restarts. Its port is written next to the data so
 * that one-off commands can find a server that is already running.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path portFile;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path portFile) {
        this.postgres = postgres;
        this.portFile = portFile;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(dataDir);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "200")
                    // SSD-era cost: lets the planner use the KPI indexes (V8) instead of full scans (docs/benchmarks.md).
                    .setServerConfig("random_page_cost", "1.1")
                    .start();
            Path portFile = dataDir.resolve("postgres.port");
            Files.writeString(portFile, Integer.toString(postgres.getPort()));
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(),
                    pgData.toAbsolutePath(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new EmbeddedPostgresServer(postgres, portFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + pgData.toAbsolutePath()
                    + " (is another instance using this data directory?)", e);
        }
    }

    /** The URL of an embedded server another process runs on {@code dataDir}, or null when none answers. */
    static String runningUrl(Path dataDir) {
        Path portFile = dataDir.resolve("postgres.port");
        if (!Files.exists(portFile)) {
            return null;
        }
        try (Socket socket = new Socket()) {
            int port = Integer.parseInt(Files.readString(portFile).strip());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return "jdbc:postgresql://localhost:" + port + "/postgres";
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(portFile);
        postgres.close();
    }
}
