package com.mspanalytics.simulator;

import com.mspanalytics.simulator.anthropic.AnthropicSimulator;
import com.mspanalytics.simulator.connectwise.ConnectWiseSimulator;
import com.mspanalytics.simulator.graph.GraphSimulator;
import com.mspanalytics.simulator.http.FaultOptions;
import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.http.RecordedRequest;
import com.mspanalytics.simulator.http.SimServer;
import com.mspanalytics.simulator.http.SimulatedService;
import com.mspanalytics.simulator.sentinelone.SentinelOneSimulator;
import com.mspanalytics.simulator.slack.SlackSimulator;
import com.mspanalytics.simulator.smileback.SmileBackSimulator;
import com.mspanalytics.simulator.world.Ledger;
import com.mspanalytics.simulator.world.LiveWorld;
import com.mspanalytics.simulator.world.MspWorld;
import com.mspanalytics.simulator.world.WorldChange;
import com.mspanalytics.simulator.world.WorldSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every simulated external API over one generated world, on loopback, in process: what {@code demo} and the
 * connector tests start. Each service has its own port, fault switches and request log.
 */
public final class Simulators implements AutoCloseable {

    public static final List<String> NAMES = List.of("connectwise", "smileback", "sentinelone", "defender", "anthropic", "slack");

    private final MspWorld world;
    private final LiveWorld live;
    private final ConnectWiseSimulator connectWise;
    private final SmileBackSimulator smileBack;
    private final SentinelOneSimulator sentinelOne;
    private final GraphSimulator graph;
    private final AnthropicSimulator anthropic;
    private final SlackSimulator slack;
    private final Map<String, SimulatedService> services = new LinkedHashMap<>();

    private Simulators(SimulatorOptions options) {
        long seed = options.seed();
        this.world = MspWorld.generate(new WorldSpec(seed, options.size(), options.endDate()));
        this.live = new LiveWorld(world, options.horizon());
        this.connectWise = register(ConnectWiseSimulator.start(live, port(options, 0), faults(options, "connectwise"), seed,
                options.variants()));
        this.smileBack = register(SmileBackSimulator.start(live, port(options, 1), faults(options, "smileback"), seed,
                options.variants()));
        this.sentinelOne = register(SentinelOneSimulator.start(live, port(options, 2), faults(options, "sentinelone"), seed,
                options.variants()));
        this.graph = register(GraphSimulator.start(live, port(options, 3), faults(options, "defender"), seed, options.variants()));
        this.anthropic = register(AnthropicSimulator.start(port(options, 4), faults(options, "anthropic"), seed));
        this.slack = register(SlackSimulator.start(port(options, 5), faults(options, "slack"), seed));
    }

    public static Simulators start(SimulatorOptions options) {
        return new Simulators(options);
    }

    private <T extends SimulatedService> T register(T service) {
        services.put(service.name(), service);
        return service;
    }

    private static int port(SimulatorOptions options, int offset) {
        return options.basePort() == 0 ? 0 : options.basePort() + offset;
    }

    private static Faults faults(SimulatorOptions options, String name) {
        // each service draws its 5xx from its own stream, so faults on one do not shift another's
        return new Faults(options.seed() * 31 + name.hashCode()).apply(options.faults().getOrDefault(name, FaultOptions.none()));
    }

    /** Connector name → exactly the body of {@code PUT /settings/connectors/{name}} (docs/api.md). */
    public Map<String, Map<String, String>> connectorSettings() {
        var settings = new LinkedHashMap<String, Map<String, String>>();
        services.forEach((name, service) -> settings.put(name, service.connectorSettings()));
        return settings;
    }

    public String baseUrl(String name) {
        return service(name).server().baseUrl();
    }

    /** The server of one simulator: its base URL, faults and request log. */
    public SimServer server(String name) {
        return service(name).server();
    }

    public Faults faults(String name) {
        return service(name).server().faults();
    }

    public List<RecordedRequest> requests(String name) {
        return service(name).server().requests();
    }

    private SimulatedService service(String name) {
        var service = services.get(name);
        if (service == null) throw new NoSuchElementException("no simulator named " + name + "; known: " + NAMES);
        return service;
    }

    public MspWorld world() { return world; }

    public Ledger ledger() { return world.ledger(); }

    public LiveWorld live() { return live; }

    public Instant now() { return live.now(); }

    /** Moves every simulator's clock: new tickets appear, open ones move on, one ticket is deleted. */
    public WorldChange advanceClock(Duration step) {
        return live.advance(step);
    }

    public ConnectWiseSimulator connectWise() { return connectWise; }

    public SmileBackSimulator smileBack() { return smileBack; }

    public SentinelOneSimulator sentinelOne() { return sentinelOne; }

    public GraphSimulator graph() { return graph; }

    public AnthropicSimulator anthropic() { return anthropic; }

    public SlackSimulator slack() { return slack; }

    @Override
    public void close() {
        services.values().forEach(SimulatedService::close);
    }
}
