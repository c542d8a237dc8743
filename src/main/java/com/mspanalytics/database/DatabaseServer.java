package com.mspanalytics.database;

/** The PostgreSQL server the service talks to: the configured one, or an embedded one it started. */
interface DatabaseServer extends AutoCloseable {

    String jdbcUrl();

    @Override
    void close() throws Exception;

    static DatabaseServer of(DatabaseProperties properties) {
        if (!properties.embedded()) {
            String url = properties.jdbcUrl();
            return new DatabaseServer() {
                @Override
                public String jdbcUrl() {
                    return url;
                }

                @Override
                public void close() {
                }
            };
        }
        String running = EmbeddedPostgresServer.runningUrl(properties.dataDir());
        if (running != null) {
            // Another process (the server, while a one-off command runs) already serves this data directory.
            return new DatabaseServer() {
                @Override
                public String jdbcUrl() {
                    return running;
                }

                @Override
                public void close() {
                }
            };
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(properties.dataDir());
        return new DatabaseServer() {
            @Override
            public String jdbcUrl() {
                return embedded.jdbcUrl();
            }

            @Override
            public void close() throws Exception {
                embedded.close();
            }
        };
    }
}
