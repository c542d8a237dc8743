package com.mspanalytics.simulator.graph;

import com.mspanalytics.simulator.http.ApiVariants;
import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.http.ServiceErrors;
import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.http.SimSecrets;
import com.mspanalytics.simulator.http.SimServer;
import com.mspanalytics.simulator.http.SimulatedService;
import com.mspanalytics.simulator.world.LiveWorld;
import com.mspanalytics.simulator.world.SecurityEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Defender through Microsoft Graph (the security API v1.0): the identity platform's
 * client-credentials token endpoint {@code /{tenant}/oauth2/v2.0/token} and {@code /v1.0/security/alerts_v2} and
 * {@code /incidents} with {@code $filter}, {@code $top}, {@code $skip}, {@code $count} and {@code @odata.nextLink},
 * newest first. Incidents refuse {@code $top} above 50 with the captured 400. Incidents are the world's grouping of
 * Defender alerts ({@link SecurityEvent#incidentId}); an incident an analyst merged into another is served with
 * {@code status: redirected} and {@code redirectIncidentId} from the merge on.
 */
public final class GraphSimulator implements SimulatedService {

    /** The captured incidents limit; alerts_v2 page sizes are unverified ({@link ApiVariants}). */
    static final int INCIDENTS_MAX_TOP = 50;
    private static final Set<String> ALERT_FILTERS = Set.of("assignedTo", "classification", "determination",
            "createdDateTime", "lastUpdateDateTime", "severity", "serviceSource", "status");
    private static final Set<String> INCIDENT_FILTERS = Set.of("assignedTo", "classification", "createdDateTime",
            "determination", "lastUpdateDateTime", "severity", "status");
    private static final DateTimeFormatter SEVEN_DIGITS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> SEVERITY_ORDER = List.of("informational", "low", "medium", "high");
    private static final Pattern TOKEN = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token$");
    private static final Pattern ONE = Pattern.compile("^/v1\\.0/security/(alerts_v2|incidents)/([^/]+)$");

    private final LiveWorld world;
    private final ApiVariants variants;
    private final String tenantId, clientId, clientSecret;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final SimServer server;

    private GraphSimulator(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        this.world = world;
        this.variants = variants;
        this.tenantId = UUID.nameUUIDFromBytes(("tenant" + seed).getBytes(StandardCharsets.UTF_8)).toString();
        this.clientId = UUID.nameUUIDFromBytes(("app" + seed).getBytes(StandardCharsets.UTF_8)).toString();
        this.clientSecret = "Sim8Q~" + SimSecrets.of(seed, "graph-secret", 34);
        this.server = SimServer.start(port, faults, new Errors(), this::handle);
    }

    public static GraphSimulator start(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        return new GraphSimulator(world, port, faults, seed, variants);
    }

    @Override
    public String name() { return "defender"; }

    @Override
    public SimServer server() { return server; }

    @Override
    public Map<String, String> connectorSettings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("tenantId", tenantId);
        settings.put("clientId", clientId);
        settings.put("clientSecret", clientSecret);
        settings.put("baseUrl", server.baseUrl());
        settings.put("tokenUrl", server.baseUrl() + "/" + tenantId + "/oauth2/v2.0/token");
        return settings;
    }

    private SimResponse handle(SimRequest request) {
        Matcher token = TOKEN.matcher(request.path());
        if (token.matches()) return token(request, token.group(1));
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
        if (!tokens.contains(auth.substring(7).trim())) {
            return graphError(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).");
        }
        if (!request.method().equals("GET")) return graphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
        var events = world.view().securityEvents().stream().filter(e -> e.source() == SecurityEvent.Source.DEFENDER)
                .sorted(Comparator.comparing(SecurityEvent::createdAt).reversed()).toList();
        try {
            switch (request.path().replaceAll("/$", "")) {
                case "/v1.0/security/alerts_v2":
                    return list(request, events.stream().map(this::alert).toList(), ALERT_FILTERS,
                            variants.graphAlertsDefaultTop(), variants.graphAlertsMaxTop(), "alerts_v2");
                case "/v1.0/security/incidents":
                    return list(request, incidents(events), INCIDENT_FILTERS, INCIDENTS_MAX_TOP, INCIDENTS_MAX_TOP, "incidents");
                default:
                    return one(request, events);
            }
        } catch (ODataFilter.Invalid e) {
            return graphError(400, "BadRequest", e.getMessage());
        }
    }

    private SimResponse one(SimRequest request, List<SecurityEvent> events) {
        Matcher one = ONE.matcher(request.path());
        if (!one.matches()) return graphError(404, "UnknownError", "Resource not found for the segment '" + request.path() + "'.");
        var records = one.group(1).equals("alerts_v2") ? events.stream().map(this::alert).toList() : incidents(events);
        return records.stream().filter(r -> r.get("id").equals(one.group(2))).findFirst()
                .map(r -> SimResponse.json(200, r))
                .orElseGet(() -> graphError(404, "NotFound", "The requested resource was not found."));
    }

    private SimResponse list(SimRequest request, List<Map<String, Object>> records, Set<String> filters, int defaultTop,
                             int maxTop, String segment) {
        int top, skip;
        try {
            top = Integer.parseInt(request.query().getOrDefault("$top", String.valueOf(defaultTop)));
            skip = Integer.parseInt(request.query().getOrDefault("$skip", "0"));
        } catch (NumberFormatException e) {
            return graphError(400, "BadRequest", "Invalid value for $top or $skip.");
        }
        if (top > maxTop) {
            return graphError(400, "", "The query specified in the URI is not valid. The limit of '" + maxTop
                    + "' for Top query has been exceeded. The value from the incoming request is '" + top + "'.");
        }
        var predicate = ODataFilter.<Map<String, Object>>parse(request.param("$filter"), filters, GraphSimulator::filterView);
        var matching = records.stream().filter(predicate).toList();
        int end = Math.min(matching.size(), skip + top);
        var body = new LinkedHashMap<String, Object>();
        body.put("@odata.context", server.baseUrl() + "/v1.0/$metadata#security/" + segment);
        if ("true".equalsIgnoreCase(request.param("$count"))) body.put("@odata.count", matching.size());
        if (end < matching.size()) body.put("@odata.nextLink", nextLink(request, top, end));
        body.put("value", matching.subList(Math.min(skip, end), end));
        return SimResponse.json(200, body);
    }

    private String nextLink(SimRequest request, int top, int skip) {
        var query = new StringBuilder();
        request.query().forEach((k, v) -> {
            if (!k.equals("$top") && !k.equals("$skip")) query.append(enc(k)).append('=').append(enc(v)).append('&');
        });
        return server.baseUrl() + request.path() + "?" + query + "%24top=" + top + "&%24skip=" + skip;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private SimResponse token(SimRequest request, String tenant) {
        if (!request.method().equals("POST")) return oauthError(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.");
        if (!tenant.equals(tenantId)) {
            return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.");
        }
        var form = request.form();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        if (!clientId.equals(form.get("client_id"))) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + form.get("client_id") + "' was not found.");
        }
        if (!clientSecret.equals(form.get("client_secret"))) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }
        String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.sim" + issued.incrementAndGet() + "." + tenantId.substring(0, 8);
        tokens.add(token);
        var body = new LinkedHashMap<String, Object>();
        body.put("token_type", "Bearer");
        body.put("expires_in", 3599);
        body.put("ext_expires_in", 3599);
        body.put("access_token", token);
        return SimResponse.json(200, body);
    }

    private Map<String, Object> alert(SecurityEvent e) {
        Instant now = world.now();
        boolean acknowledged = !e.acknowledgedAt().isAfter(now), resolved = !e.resolvedAt().isAfter(now);
        var a = new LinkedHashMap<String, Object>();
        a.put("@odata.type", "#microsoft.graph.security.alert");
        a.put("id", e.id());
        a.put("providerAlertId", e.id());
        a.put("incidentId", e.incidentId());
        a.put("status", resolved ? "resolved" : acknowledged ? "inProgress" : "new");
        a.put("severity", e.severity());
        a.put("classification", resolved ? e.classification() : "unknown");
        a.put("determination", resolved ? determination(e.classification()) : "unknown");
        a.put("serviceSource", "microsoftDefenderForEndpoint");
        a.put("detectionSource", "antivirus");
        a.put("detectorId", "sim-" + Math.abs(e.title().hashCode()));
        a.put("tenantId", clientTenant(e));
        a.put("title", e.title());
        a.put("description", e.title() + " on " + e.device() + ".");
        a.put("category", "DefenseEvasion");
        a.put("assignedTo", acknowledged ? "soc@msp.example" : null);
        a.put("alertWebUrl", "https://security.microsoft.com/alerts/" + e.id());
        a.put("incidentWebUrl", "https://security.microsoft.com/incidents/" + e.incidentId());
        a.put("createdDateTime", SEVEN_DIGITS.format(e.createdAt()));
        a.put("lastUpdateDateTime", SEVEN_DIGITS.format(e.lastUpdate(now)));
        a.put("resolvedDateTime", resolved ? SEVEN_DIGITS.format(e.resolvedAt()) : null);
        a.put("firstActivityDateTime", SEVEN_DIGITS.format(e.createdAt().minusSeconds(95)));
        a.put("lastActivityDateTime", SEVEN_DIGITS.format(e.createdAt().minusSeconds(30)));
        a.put("mitreTechniques", List.of("T1564.001"));
        a.put("comments", acknowledged ? List.of(Map.of("comment", "Acknowledged by SOC", "createdByDisplayName", "MSP SOC",
                "createdDateTime", SEVEN_DIGITS.format(e.acknowledgedAt()))) : List.of());
        a.put("evidence", List.of(Map.of("@odata.type", "#microsoft.graph.security.deviceEvidence",
                "deviceDnsName", e.device().toLowerCase() + "." + e.client().identifier().toLowerCase() + ".example",
                "createdDateTime", SEVEN_DIGITS.format(e.createdAt()))));
        a.put("systemTags", List.of());
        return a;
    }

    /**
     * The incidents of the visible alerts ({@code events}, newest first), newest first: one per {@code incidentId}, plus
     * one per merged-away incident. An incident is created with its first alert; it is resolved once all its alerts are,
     * in progress once any is acknowledged, else active; its severity is its alerts' highest; it changes whenever one of
     * its alerts does, an alert joins or another incident is merged into it.
     */
    private List<Map<String, Object>> incidents(List<SecurityEvent> events) {
        Instant now = world.now();
        Map<String, List<SecurityEvent>> alerts = new LinkedHashMap<>();
        Map<String, Instant> lastMerge = new LinkedHashMap<>();
        for (int k = events.size() - 1; k >= 0; k--) {     // oldest first: an incident's first alert leads
            SecurityEvent e = events.get(k);
            alerts.computeIfAbsent(e.incidentId(), id -> new java.util.ArrayList<>()).add(e);
            if (e.mergedAt() != null && !e.mergedAt().isAfter(now)) lastMerge.merge(e.incidentId(), e.mergedAt(),
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        var incidents = new java.util.ArrayList<Map<String, Object>>();
        alerts.forEach((id, members) -> incidents.add(incident(id, members, lastMerge.get(id), now)));
        for (SecurityEvent e : events) {
            if (e.mergedIncidentId() != null) incidents.add(mergedIncident(e, now));
        }
        incidents.sort(Comparator.comparing((Map<String, Object> i) -> (String) i.get("createdDateTime")).reversed()
                .thenComparing(i -> (String) i.get("id")));
        return incidents;
    }

    private Map<String, Object> incident(String id, List<SecurityEvent> alerts, Instant lastMerge, Instant now) {
        SecurityEvent first = alerts.get(0);
        boolean resolved = alerts.stream().allMatch(e -> !e.resolvedAt().isAfter(now));
        boolean acknowledged = alerts.stream().anyMatch(e -> !e.acknowledgedAt().isAfter(now));
        Instant lastUpdate = alerts.stream().map(e -> e.lastUpdate(now)).max(Comparator.naturalOrder()).orElseThrow();
        if (lastMerge != null && lastMerge.isAfter(lastUpdate)) lastUpdate = lastMerge;
        String severity = alerts.stream().map(SecurityEvent::severity).max(Comparator.comparingInt(SEVERITY_ORDER::indexOf))
                .orElseThrow();
        String classification = alerts.stream().anyMatch(e -> e.classification().equals("truePositive")) ? "truePositive"
                : first.classification();
        var i = new LinkedHashMap<String, Object>();
        i.put("id", id);
        i.put("incidentWebUrl", "https://security.microsoft.com/incidents/" + id);
        i.put("tenantId", clientTenant(first));
        i.put("redirectIncidentId", null);
        i.put("displayName", first.title() + (alerts.size() == 1 ? " on one endpoint"
                : " and " + (alerts.size() - 1) + " more alert" + (alerts.size() > 2 ? "s" : "") + " at " + first.client().name()));
        i.put("description", null);
        i.put("createdDateTime", SEVEN_DIGITS.format(first.createdAt()));
        i.put("lastUpdateDateTime", SEVEN_DIGITS.format(lastUpdate));
        i.put("assignedTo", acknowledged ? "soc@msp.example" : null);
        i.put("classification", resolved ? classification : "unknown");
        i.put("determination", resolved ? determination(classification) : "unknown");
        i.put("status", resolved ? "resolved" : acknowledged ? "inProgress" : "active");
        i.put("severity", severity);
        i.put("customTags", List.of());
        i.put("systemTags", List.of());
        i.put("comments", List.of());
        return i;
    }

    /** The incident Defender opened for {@code e} before an analyst merged it into the client's open one. */
    private Map<String, Object> mergedIncident(SecurityEvent e, Instant now) {
        boolean merged = !e.mergedAt().isAfter(now);
        var i = new LinkedHashMap<String, Object>();
        i.put("id", e.mergedIncidentId());
        i.put("incidentWebUrl", "https://security.microsoft.com/incidents/" + e.mergedIncidentId());
        i.put("tenantId", clientTenant(e));
        i.put("redirectIncidentId", merged ? e.incidentId() : null);
        i.put("displayName", e.title() + " on one endpoint");
        i.put("description", null);
        i.put("createdDateTime", SEVEN_DIGITS.format(e.createdAt()));
        i.put("lastUpdateDateTime", SEVEN_DIGITS.format(merged ? e.mergedAt() : e.createdAt()));
        i.put("assignedTo", merged ? "soc@msp.example" : null);
        i.put("classification", "unknown");
        i.put("determination", "unknown");
        i.put("status", merged ? "redirected" : "active");
        i.put("severity", e.severity());
        i.put("customTags", List.of());
        i.put("systemTags", List.of());
        i.put("comments", List.of());
        return i;
    }

    /** Each client is its own Microsoft 365 tenant; the MSP's app reads them all (GDAP). */
    static String clientTenant(SecurityEvent e) {
        return UUID.nameUUIDFromBytes(e.client().identifier().getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String determination(String classification) {
        return switch (classification) {
            case "truePositive" -> "malware";
            case "falsePositive" -> "clean";
            default -> "securityTesting";
        };
    }

    /** The record as $filter sees it: DateTimeOffsets compare as instants, not as text. */
    static Map<String, Object> filterView(Map<String, Object> record) {
        var view = new LinkedHashMap<String, Object>(record);
        for (String key : List.of("createdDateTime", "lastUpdateDateTime")) {
            Object value = record.get(key);
            if (value != null) view.put(key, OffsetDateTime.parse(value.toString()));
        }
        return view;
    }

    private SimResponse graphError(int status, String code, String message) {
        var inner = new LinkedHashMap<String, Object>();
        inner.put("date", world.now().toString().replaceAll("\\.\\d+", ""));
        inner.put("request-id", UUID.nameUUIDFromBytes((message + status).getBytes(StandardCharsets.UTF_8)).toString());
        inner.put("client-request-id", inner.get("request-id"));
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        if (status == 400 && code.isEmpty()) error.put("details", List.of());
        error.put("innerError", inner);
        return SimResponse.json(status, Map.of("error", error));
    }

    private static SimResponse oauthError(int status, String error, String description) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        body.put("error_description", description);
        body.put("error_codes", List.of(Integer.parseInt(description.replaceAll("^AADSTS(\\d+):.*$", "$1"))));
        return SimResponse.json(status, body);
    }

    /** Graph's throttling body (captured) and its 503. */
    private final class Errors implements ServiceErrors {
        @Override
        public SimResponse tooManyRequests(int retryAfterSeconds) {
            return graphError(429, "TooManyRequests", "Too many requests.")
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }

        @Override
        public SimResponse serverError() {
            return graphError(503, "ServiceUnavailable", "The service is temporarily unavailable. Please retry later.");
        }
    }
}
