package com.mspanalytics.simulator.connectwise;

import com.mspanalytics.simulator.http.ApiVariants;
import com.mspanalytics.simulator.http.Faults;
import com.mspanalytics.simulator.http.ServiceErrors;
import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.http.SimSecrets;
import com.mspanalytics.simulator.http.SimServer;
import com.mspanalytics.simulator.http.SimulatedService;
import com.mspanalytics.simulator.world.AgreementType;
import com.mspanalytics.simulator.world.Board;
import com.mspanalytics.simulator.world.Catalog;
import com.mspanalytics.simulator.world.Client;
import com.mspanalytics.simulator.world.LiveWorld;
import com.mspanalytics.simulator.world.Priority;
import com.mspanalytics.simulator.world.TicketBundle;
import com.mspanalytics.simulator.world.WorldView;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * ConnectWise PSA REST under any {@code /{codebase}/apis/3.0/} prefix: Basic auth
 * {@code companyId+publicKey:privateKey} plus the {@code clientId} header, the list grammar of {@link ListQuery},
 * {@code /count} and by-id endpoints, the ticket audit trail and {@code /login/companyinfo/{id}}.
 * A second key pair ({@link #LIMITED_PUBLIC_KEY}) belongs to a member whose security role cannot see finance: 403.
 */
public final class ConnectWiseSimulator implements SimulatedService {

    public static final String COMPANY_ID = "mspsim";
    public static final String LIMITED_PUBLIC_KEY = "limitedPublicKey";
    public static final String LIMITED_PRIVATE_KEY = "limitedPrivateKey";
    public static final String CODEBASE = "v4_6_release";

    private static final int CACHE_LIMIT = 100_000;
    private static final Pattern API_PATH = Pattern.compile("^/([^/]+)/apis/3\\.0(/.*?)/?$");
    private static final Pattern BY_ID = Pattern.compile("^(/.+)/(\\d+)$");
    private static final Pattern COMPANY_INFO = Pattern.compile("^/login/companyinfo/([^/]+)/?$");

    private final LiveWorld world;
    private final boolean nextOnEveryPage;
    private final String publicKey, privateKey, clientId;
    private final SimServer server;
    private final ConnectWiseRecords records;
    private final Map<String, Function<WorldView, List<ObjectNode>>> collections = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> cache = new ConcurrentHashMap<>();
    private volatile long cachedVersion = -1;
    /** Collections large enough to need a {@link KeysetIndex}: how to read each record's id and lastUpdated cheaply. */
    private final Map<String, Function<WorldView, KeysetIndex>> indexBuilders = new LinkedHashMap<>();
    private final Map<String, VersionedIndex> indexes = new ConcurrentHashMap<>();
    private final Map<String, ReadAhead> readAheads = new ConcurrentHashMap<>();

    private record VersionedIndex(long version, KeysetIndex index) {}

    private ConnectWiseSimulator(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        this.world = world;
        this.nextOnEveryPage = variants.connectWiseNextOnEveryPage();
        this.publicKey = SimSecrets.of(seed, "connectwise-public", 16);
        this.privateKey = SimSecrets.of(seed, "connectwise-private", 16);
        this.clientId = UUID.nameUUIDFromBytes(("connectwise" + seed).getBytes(StandardCharsets.UTF_8)).toString();
        this.server = SimServer.bind(port, faults, new Errors());
        this.records = new ConnectWiseRecords(apiRoot());
        registerCollections();
        server.serve(this::handle);
    }

    public static ConnectWiseSimulator start(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        return new ConnectWiseSimulator(world, port, faults, seed, variants);
    }

    @Override
    public String name() { return "connectwise"; }

    @Override
    public SimServer server() { return server; }

    public String apiRoot() { return server.baseUrl() + "/" + CODEBASE + "/apis/3.0"; }

    @Override
    public Map<String, String> connectorSettings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("baseUrl", apiRoot());
        settings.put("companyId", COMPANY_ID);
        settings.put("publicKey", publicKey);
        settings.put("privateKey", privateKey);
        settings.put("clientId", clientId);
        return settings;
    }

    private void registerCollections() {
        Catalog catalog = world.world().catalog();
        var since = world.world().spec().startDate().minusYears(2);
        Map<Integer, Client> clients = new HashMap<>();
        catalog.clients().forEach(c -> clients.put(c.id(), c));
        collections.put("/service/tickets", v -> lazy(v.bundles(), b -> records.ticket(b, v)));
        collections.put("/time/entries", v -> lazy(v.timeEntries(),
                e -> records.timeEntry(e, v.byTicketId().get(e.ticketId()).ticket())));
        // the same values the records' JSON shows: id, and _info/lastUpdated truncated to the second (ConnectWiseRecords)
        indexBuilders.put("/service/tickets", v -> KeysetIndex.build(v.bundles().size(),
                i -> v.bundles().get(i).ticket().id(), i -> v.lastUpdated(v.bundles().get(i)).getEpochSecond()));
        indexBuilders.put("/time/entries", v -> KeysetIndex.build(v.timeEntries().size(),
                i -> v.timeEntries().get(i).id(), i -> v.timeEntries().get(i).timeEnd().getEpochSecond()));
        collections.put("/company/companies", v -> lazy(catalog.clients(), c -> records.company(c, since)));
        collections.put("/company/contacts", v -> catalog.clients().stream()
                .flatMap(c -> c.contacts().stream().map(ct -> records.contact(ct, c))).toList());
        collections.put("/system/members", v -> lazy(catalog.techs(), t -> records.member(t, since)));
        collections.put("/service/boards", v -> lazy(List.of(Board.values()), records::boardRecord));
        collections.put("/service/priorities", v -> lazy(List.of(Priority.values()), records::priorityRecord));
        collections.put("/finance/agreements", v -> catalog.clients().stream()
                .flatMap(c -> c.agreements().stream().map(a -> records.agreement(a, c))).toList());
        collections.put("/finance/agreements/types", v -> lazy(List.of(AgreementType.values()), records::agreementType));
        collections.put("/project/projects", v -> lazy(catalog.projects(), p -> records.project(p, clients.get(p.companyId()), v)));
        collections.put("/project/tickets", v -> catalog.projects().stream()
                .flatMap(p -> p.phases().stream()
                        .filter(phase -> !phase.start().atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(v.now()))
                        .map(phase -> records.projectTicket(p, phase, clients.get(p.companyId()), v)))
                .toList());
    }

    /** Records in id order, built when read: large worlds are never turned into JSON all at once. */
    private static <T> List<ObjectNode> lazy(List<T> source, Function<T, ObjectNode> toJson) {
        return new AbstractList<>() {
            @Override
            public ObjectNode get(int index) {
                return toJson.apply(source.get(index));
            }

            @Override
            public int size() {
                return source.size();
            }
        };
    }

    /** Small collections are built once per clock position; large ones stay lazy (memory over speed). */
    private List<ObjectNode> collection(String path, WorldView view) {
        if (cachedVersion != view.version()) {
            cache.clear();
            cachedVersion = view.version();
        }
        var cached = cache.get(path);
        if (cached != null) return cached;
        var records = collections.get(path).apply(view);
        if (records.size() > CACHE_LIMIT) return records;
        var built = List.copyOf(records);
        cache.put(path, built);
        return built;
    }

    /** The collection's index at this clock position, built on first use; null for collections without one. */
    private KeysetIndex index(String path, WorldView view) {
        var builder = indexBuilders.get(path);
        if (builder == null) return null;
        var current = indexes.get(path);
        if (current != null && current.version() == view.version()) return current.index();
        var built = new VersionedIndex(view.version(), builder.apply(view));
        indexes.put(path, built);
        return built.index();
    }

    private ReadAhead readAhead(String path) {
        return indexBuilders.containsKey(path.replace("/search", "")) ? readAheads.computeIfAbsent(path, p -> new ReadAhead()) : null;
    }

    /** Time spent rendering keyset pages ahead of the requests, summed (benchmarks: it shares the CPU with the rest). */
    public long readAheadNanos() {
        return readAheads.values().stream().mapToLong(ReadAhead::renderNanos).sum();
    }

    @Override
    public void close() {
        server.close();
        readAheads.values().forEach(ReadAhead::close);
    }

    private SimResponse handle(SimRequest request) {
        return handle(request, true);
    }

    /** {@code indexed = false} answers every list by evaluating each record, for comparing both paths in tests. */
    SimResponse handle(SimRequest request, boolean indexed) {
        Matcher info = COMPANY_INFO.matcher(request.path());
        if (info.matches()) return companyInfo(info.group(1));
        Matcher api = API_PATH.matcher(request.path());
        if (!api.matches()) return notFound("The requested resource was not found.");
        SimResponse denied = authenticate(request, api.group(2));
        if (denied != null) return denied;
        try {
            return route(request, api.group(2), world.view(), indexed);
        } catch (InvalidConditions e) {
            return error(400, "InvalidObject", e.getMessage());
        }
    }

    private SimResponse route(SimRequest request, String path, WorldView view, boolean indexed) {
        boolean get = request.method().equals("GET");
        if (path.equals("/system/info") && get) {
            return SimResponse.json(200, Map.of("version", "v2025.1.10426", "isCloud", false,
                    "serverTimeZone", "Coordinated Universal Time"));
        }
        if (path.equals("/service/tickets/search") && request.method().equals("POST")) {
            String conditions = SimResponse.JSON.readTree(request.body()).path("conditions").asText(null);
            return ListQuery.list(request, collection("/service/tickets", view), indexed ? index("/service/tickets", view) : null,
                    indexed ? readAhead("/service/tickets/search") : null, conditions, nextOnEveryPage);
        }
        if (!get) return error(405, "MethodNotAllowed", "The requested resource does not support http method '" + request.method() + "'.");
        if (path.equals("/system/audittrail") || path.equals("/system/audittrail/count")) return auditTrail(request, path, view);
        if (collections.containsKey(path)) {
            return ListQuery.list(request, collection(path, view), indexed ? index(path, view) : null,
                    indexed ? readAhead(path) : null, request.param("conditions"), nextOnEveryPage);
        }
        if (path.endsWith("/count") && collections.containsKey(path.substring(0, path.length() - 6))) {
            return ListQuery.count(collection(path.substring(0, path.length() - 6), view), request.param("conditions"));
        }
        Matcher statuses = Pattern.compile("^/service/boards/(\\d+)/statuses$").matcher(path);
        if (statuses.matches()) {
            int id = Integer.parseInt(statuses.group(1));
            if (id < 1 || id > Board.values().length) return notFound("Board ID " + id + " not found");
            var statusList = records.boardStatuses(Board.values()[id - 1]);
            return ListQuery.list(request, statusList, request.param("conditions"), nextOnEveryPage);
        }
        Matcher additions = Pattern.compile("^/finance/agreements/(\\d+)/additions$").matcher(path);
        if (additions.matches()) return additions(request, Integer.parseInt(additions.group(1)));
        Matcher byId = BY_ID.matcher(path);
        if (byId.matches() && collections.containsKey(byId.group(1))) {
            long id = Long.parseLong(byId.group(2));
            return ListQuery.byId(collection(byId.group(1), view), id).map(r -> SimResponse.json(200, r))
                    .orElseGet(() -> notFound(recordName(byId.group(1)) + " ID " + id + " not found"));
        }
        return notFound("The requested resource was not found.");
    }

    private SimResponse additions(SimRequest request, int agreementId) {
        var agreement = world.world().catalog().clients().stream().flatMap(c -> c.agreements().stream())
                .filter(a -> a.id() == agreementId).findFirst();
        if (agreement.isEmpty()) return notFound("Agreement ID " + agreementId + " not found");
        var list = agreement.get().additions().stream().map(records::addition).toList();
        return ListQuery.list(request, list, request.param("conditions"), nextOnEveryPage);
    }

    private SimResponse auditTrail(SimRequest request, String path, WorldView view) {
        if ("forward-only".equalsIgnoreCase(request.header("pagination-type"))) {
            return error(400, "InvalidObject", "Forward-only pagination is not supported by the audit trail.");
        }
        if (!"Ticket".equalsIgnoreCase(request.param("type"))) {
            return error(400, "InvalidObject", "type must be one of the supported audit types, e.g. Ticket");
        }
        long id;
        try {
            id = Long.parseLong(String.valueOf(request.param("id")));
        } catch (NumberFormatException e) {
            return error(400, "InvalidObject", "id is required");
        }
        TicketBundle bundle = view.byTicketId().get(id);
        if (bundle == null) return notFound("Ticket ID " + id + " not found");
        var entries = records.auditTrail(bundle, view);
        if (path.endsWith("/count")) return SimResponse.json(200, Map.of("count", entries.size()));
        int pageSize = Math.min(ListQuery.MAX_PAGE_SIZE, Integer.parseInt(request.query().getOrDefault("pageSize", "25")));
        int page = Integer.parseInt(request.query().getOrDefault("page", "1"));
        var slice = new ArrayList<Object>();
        for (int i = (page - 1) * pageSize; i < Math.min(entries.size(), page * pageSize); i++) slice.add(entries.get(i));
        return SimResponse.json(200, slice);
    }

    private SimResponse authenticate(SimRequest request, String path) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return error(401, "Unauthorized", "Authorization has been denied for this request.");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return error(401, "Unauthorized", "Authorization has been denied for this request.");
        }
        boolean full = decoded.equals(COMPANY_ID + "+" + publicKey + ":" + privateKey);
        boolean limited = decoded.equals(COMPANY_ID + "+" + LIMITED_PUBLIC_KEY + ":" + LIMITED_PRIVATE_KEY);
        if (!full && !limited) return error(401, "Unauthorized", "Authorization has been denied for this request.");
        String client = request.header("clientId");
        if (client == null || client.isBlank()) return error(401, "Unauthorized", "A clientId header is required on every request.");
        if (limited && path.startsWith("/finance")) {
            return error(403, "Forbidden", "You do not have access to the Finance module. Please contact your administrator.");
        }
        return null;
    }

    private SimResponse companyInfo(String companyId) {
        var info = new LinkedHashMap<String, Object>();
        info.put("CompanyName", "Simulated MSP");
        info.put("Codebase", CODEBASE + "/");
        info.put("VersionCode", "v2025.1");
        info.put("VersionNumber", "v4.6.10426");
        info.put("CompanyID", companyId);
        info.put("IsCloud", "False");
        return SimResponse.json(200, info);
    }

    private static String recordName(String path) {
        return switch (path) {
            case "/service/tickets" -> "Ticket";
            case "/time/entries" -> "TimeEntry";
            case "/company/companies" -> "Company";
            case "/company/contacts" -> "Contact";
            case "/system/members" -> "Member";
            case "/service/boards" -> "Board";
            case "/finance/agreements" -> "Agreement";
            case "/project/projects" -> "Project";
            case "/project/tickets" -> "ProjectTicket";
            default -> "Record";
        };
    }

    private static SimResponse notFound(String message) {
        return error(404, "NotFound", message);
    }

    static SimResponse error(int status, String code, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("code", code);
        body.put("message", message);
        body.put("errors", null);
        return SimResponse.json(status, body);
    }

    /** ConnectWise's own 429 (the developer guide's example body) and 500 shapes. */
    private static final class Errors implements ServiceErrors {
        @Override
        public SimResponse tooManyRequests(int retryAfterSeconds) {
            return SimResponse.json(429, Map.of("error", "ConnectWiseAPI",
                            "message", "Too many requests. Please try again in " + retryAfterSeconds + " seconds."))
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }

        @Override
        public SimResponse serverError() {
            return error(500, "ConnectWiseApi", "An unexpected error has occurred.");
        }
    }
}
