package com.mspanalytics.simulator.http;

import java.util.Map;

/** One running simulator of an external API. */
public interface SimulatedService extends AutoCloseable {

    /** The connector name of docs/api.md: connectwise, smileback, sentinelone, defender, anthropic, slack. */
    String name();

    SimServer server();

    /** Exactly the body {@code PUT /settings/connectors/{name}} takes to point a tenant at this simulator. */
    Map<String, String> connectorSettings();

    @Override
    default void close() {
        server().close();
    }
}
