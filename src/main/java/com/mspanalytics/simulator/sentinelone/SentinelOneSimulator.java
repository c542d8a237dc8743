package com.mspanalytics.simulator.sentinelone;

import com.mspanalytics.simulator.http.ApiVariants;
import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.http.ServiceErrors;
import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.http.SimSecrets;
import com.mspanalytics.simulator.http.SimServer;
import com.mspanalytics.simulator.http.SimulatedService;
import com.mspanalytics.simulator.world.Client;
import com.mspanalytics.simulator.world.LiveWorld;
import com.mspanalytics.simulator.world.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * SentinelOne Management API v2.1: {@code Authorization: ApiToken <token>},
 * {@code {"data": [...], "pagination": {"totalItems", "nextCursor"}}} envelopes, {@code limit} 1–1000 with an opaque
 * {@code cursor}, {@code createdAt__*}/{@code updatedAt__*} filters (on {@code threatInfo} times), {@code sortBy}/{@code sortOrder},
 * {@code countOnly}, {@code siteIds}, {@code incidentStatuses}, and the sites list with its {@code allSites} envelope.
 * Acknowledgement shows as the first mitigation action's {@code mitigationStartedAt}; resolution as
 * {@code incidentStatus=resolved} with {@code updatedAt} and {@code mitigationEndedAt} at the resolve time.
 */
public final class SentinelOneSimulator implements SimulatedService {

    static final int MAX_LIMIT = 1000;
    static final String ACCOUNT_ID = "433241117337583618";
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final Set<String> TIME_FILTERS = Set.of("createdAt__gt", "createdAt__gte", "createdAt__lt",
            "createdAt__lte", "updatedAt__gt", "updatedAt__gte", "updatedAt__lt", "updatedAt__lte");

    private final LiveWorld world;
    private final int defaultLimit;
    private final String apiToken;
    private final SimServer server;

    private SentinelOneSimulator(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        this.world = world;
        this.defaultLimit = variants.sentinelOneDefaultLimit();
        this.apiToken = SimSecrets.of(seed, "sentinelone-token", 64);
        this.server = SimServer.start(port, faults, new Errors(), this::handle);
    }

    public static SentinelOneSimulator start(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        return new SentinelOneSimulator(world, port, faults, seed, variants);
    }

    @Override
    public String name() { return "sentinelone"; }

    @Override
    public SimServer server() { return server; }

    @Override
    public Map<String, String> connectorSettings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("baseUrl", server.baseUrl());
        settings.put("apiToken", apiToken);
        return settings;
    }

    /** The S1 site id of a client: one site per client under the MSP's account. */
    public static String siteId(Client client) {
        return String.valueOf(475_482_421_366_700_000L + client.id());
    }

    private SimResponse handle(SimRequest request) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.equals("ApiToken " + apiToken)) return error(401, 4010010, "Authentication Failed", null);
        if (!request.method().equals("GET")) return error(405, 4050010, "Method Not Allowed", null);
        return switch (request.path().replaceAll("/$", "")) {
            case "/web/api/v2.1/threats" -> threats(request);
            case "/web/api/v2.1/sites" -> sites();
            default -> error(404, 4040010, "Resource not found", null);
        };
    }

    private SimResponse threats(SimRequest request) {
        Instant now = world.now();
        Predicate<SecurityEvent> filter = e -> e.source() == SecurityEvent.Source.SENTINELONE;
        for (String name : TIME_FILTERS) {
            String value = request.param(name);
            if (value == null) continue;
            Instant bound;
            try {
                bound = Instant.parse(value);
            } catch (DateTimeParseException e) {
                return error(400, 4000010, "Validation Error", name + ": Not a valid datetime.");
            }
            boolean created = name.startsWith("created");
            String op = name.substring(name.indexOf("__") + 2);
            filter = filter.and(e -> {
                int cmp = (created ? e.createdAt() : e.lastUpdate(now)).compareTo(bound);
                return switch (op) {
                    case "gt" -> cmp > 0;
                    case "gte" -> cmp >= 0;
                    case "lt" -> cmp < 0;
                    default -> cmp <= 0;
                };
            });
        }
        Set<String> sites = csv(request.param("siteIds"));
        if (!sites.isEmpty()) filter = filter.and(e -> sites.contains(siteId(e.client())));
        Set<String> statuses = csv(request.param("incidentStatuses"));
        if (!statuses.isEmpty()) filter = filter.and(e -> statuses.contains(incidentStatus(e, now)));
        Set<String> ids = csv(request.param("ids"));
        if (!ids.isEmpty()) filter = filter.and(e -> ids.contains(e.id()));
        var matching = new ArrayList<>(world.view().securityEvents().stream().filter(filter).toList());
        String sortBy = request.query().getOrDefault("sortBy", "id");
        Comparator<SecurityEvent> order = switch (sortBy) {
            case "createdAt" -> Comparator.comparing(SecurityEvent::createdAt);
            case "updatedAt" -> Comparator.comparing(e -> e.lastUpdate(now));
            case "id" -> Comparator.comparing(e -> new java.math.BigInteger(e.id()));
            default -> null;
        };
        if (order == null) return error(400, 4000010, "Validation Error", "sortBy: Must be one of id, createdAt, updatedAt.");
        order = order.thenComparing(e -> new java.math.BigInteger(e.id()));
        matching.sort("desc".equalsIgnoreCase(request.param("sortOrder")) ? order.reversed() : order);
        if ("true".equalsIgnoreCase(request.param("countOnly"))) {
            return envelope(List.of(), matching.size(), null);
        }
        int limit, offset;
        try {
            limit = Integer.parseInt(request.query().getOrDefault("limit", String.valueOf(defaultLimit)));
            offset = request.param("cursor") != null ? decodeCursor(request.param("cursor"))
                    : Integer.parseInt(request.query().getOrDefault("skip", "0"));
        } catch (IllegalArgumentException e) {
            return error(400, 4000010, "Validation Error", "cursor: Invalid cursor.");
        }
        if (limit < 1 || limit > MAX_LIMIT) return error(400, 4000010, "Validation Error", "limit: Must be between 1 and 1000.");
        int end = Math.min(matching.size(), offset + limit);
        var data = matching.subList(Math.min(offset, end), end).stream().map(e -> threat(e, now)).toList();
        String next = end < matching.size() ? Base64.getEncoder().encodeToString(("threats:" + end).getBytes(StandardCharsets.UTF_8)) : null;
        return envelope(data, "true".equalsIgnoreCase(request.param("skipCount")) ? null : matching.size(), next);
    }

    private static int decodeCursor(String cursor) {
        String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!decoded.startsWith("threats:")) throw new IllegalArgumentException(cursor);
        return Integer.parseInt(decoded.substring(8));
    }

    private SimResponse sites() {
        var clients = world.world().catalog().clients();
        var sites = clients.stream().map(c -> {
            var site = new LinkedHashMap<String, Object>();
            site.put("id", siteId(c));
            site.put("name", c.name());
            site.put("accountId", ACCOUNT_ID);
            site.put("accountName", "Simulated MSP");
            site.put("state", "active");
            site.put("siteType", "Paid");
            site.put("sku", "Complete");
            site.put("activeLicenses", c.employees());
            site.put("totalLicenses", c.employees() + 10);
            site.put("externalId", c.identifier());
            site.put("isDefault", false);
            site.put("createdAt", MICROS.format(world.world().spec().startDate().atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
            return site;
        }).toList();
        int active = clients.stream().mapToInt(Client::employees).sum();
        var data = new LinkedHashMap<String, Object>();
        data.put("allSites", Map.of("activeLicenses", active, "totalLicenses", active + 10 * clients.size()));
        data.put("sites", sites);
        return envelope(data, sites.size(), null);
    }

    private static String incidentStatus(SecurityEvent e, Instant now) {
        if (!e.resolvedAt().isAfter(now)) return "resolved";
        return e.acknowledgedAt().isAfter(now) ? "unresolved" : "in_progress";
    }

    private static Map<String, Object> threat(SecurityEvent e, Instant now) {
        boolean acknowledged = !e.acknowledgedAt().isAfter(now), resolved = !e.resolvedAt().isAfter(now);
        var info = new LinkedHashMap<String, Object>();
        info.put("threatId", e.id());
        info.put("threatName", e.title());
        info.put("classification", e.classification());
        info.put("classificationSource", "Static");
        info.put("confidenceLevel", e.severity().equals("medium") ? "suspicious" : "malicious");
        info.put("detectionType", "static");
        info.put("engines", List.of("SentinelOne Cloud"));
        info.put("mitigationStatus", resolved ? "mitigated" : "not_mitigated");
        info.put("analystVerdict", acknowledged ? e.verdict() : "undefined");
        info.put("incidentStatus", incidentStatus(e, now));
        info.put("createdAt", MICROS.format(e.createdAt()));
        info.put("updatedAt", MICROS.format(e.lastUpdate(now)));
        info.put("identifiedAt", MICROS.format(e.createdAt().minusSeconds(2)));
        info.put("filePath", "\\Device\\HarddiskVolume3\\Users\\Public\\Downloads\\" + e.title());
        info.put("sha1", sha1Like(e.id()));
        info.put("initiatedBy", "agent_policy");
        info.put("automaticallyResolved", false);
        info.put("mitigatedPreemptively", false);
        info.put("externalTicketId", null);
        var agent = new LinkedHashMap<String, Object>();
        agent.put("accountId", ACCOUNT_ID);
        agent.put("accountName", "Simulated MSP");
        agent.put("siteId", siteId(e.client()));
        agent.put("siteName", e.client().name());
        agent.put("agentId", String.valueOf(657_613_730_168_000_000L + Math.abs(e.device().hashCode())));
        agent.put("agentComputerName", e.device());
        agent.put("agentOsType", "windows");
        agent.put("agentMachineType", e.device().contains("-FS") ? "server" : "desktop");
        agent.put("agentMitigationMode", "protect");
        agent.put("agentIsActive", true);
        var detection = new LinkedHashMap<String, Object>();
        detection.put("accountId", ACCOUNT_ID);
        detection.put("siteId", siteId(e.client()));
        detection.put("siteName", e.client().name());
        detection.put("agentVersion", "23.4.2.14");
        var actions = new ArrayList<Map<String, Object>>();
        if (acknowledged) {
            var kill = new LinkedHashMap<String, Object>();
            kill.put("action", "quarantine");
            kill.put("status", resolved ? "success" : "pending");
            kill.put("mitigationStartedAt", MICROS.format(e.acknowledgedAt()));
            kill.put("mitigationEndedAt", resolved ? MICROS.format(e.resolvedAt()) : null);
            kill.put("lastUpdate", MICROS.format(resolved ? e.resolvedAt() : e.acknowledgedAt()));
            actions.add(kill);
        }
        var threat = new LinkedHashMap<String, Object>();
        threat.put("id", e.id());
        threat.put("threatInfo", info);
        threat.put("agentRealtimeInfo", agent);
        threat.put("agentDetectionInfo", detection);
        threat.put("mitigationStatus", actions);
        threat.put("indicators", List.of());
        threat.put("whiteningOptions", List.of("hash", "path"));
        return threat;
    }

    private static String sha1Like(String seed) {
        var hex = new StringBuilder();
        long h = seed.hashCode();
        while (hex.length() < 40) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            hex.append(String.format("%016x", h));
        }
        return hex.substring(0, 40);
    }

    private static Set<String> csv(String value) {
        return value == null || value.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(value.split(",")));
    }

    private static SimResponse envelope(Object data, Integer total, String nextCursor) {
        var pagination = new LinkedHashMap<String, Object>();
        pagination.put("totalItems", total);
        pagination.put("nextCursor", nextCursor);
        var body = new LinkedHashMap<String, Object>();
        body.put("data", data);
        body.put("pagination", pagination);
        return SimResponse.json(200, body);
    }

    static SimResponse error(int status, int code, String title, String detail) {
        var item = new LinkedHashMap<String, Object>();
        item.put("code", code);
        item.put("title", title);
        item.put("detail", detail);
        return SimResponse.json(status, Map.of("errors", List.of(item)));
    }

    /** S1's error envelope; the 429 code and Retry-After are unverified and chosen to match the envelope. */
    private static final class Errors implements ServiceErrors {
        @Override
        public SimResponse tooManyRequests(int retryAfterSeconds) {
            return error(429, 4290010, "Too Many Requests", "Rate limit exceeded")
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }

        @Override
        public SimResponse serverError() {
            return error(500, 5000010, "Server Error", null);
        }
    }
}
