package com.mspanalytics.simulator.smileback;

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
import com.mspanalytics.simulator.world.Review;
import com.mspanalytics.simulator.world.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SmileBack's Data Replication API v3: an OAuth2 password grant at
 * {@code /api/token/} (client credentials by Basic header or form fields), then {@code Bearer} calls to
 * {@code /api/v3/reviews/} with Django-REST-style {@code limit}/{@code offset} paging, {@code modified_since}
 * and {@code include_unrated}. Errors use Django REST framework's {@code {"detail": ...}} shape.
 */
public final class SmileBackSimulator implements SimulatedService {

    /** The documented maximum page size; the default is unverified ({@link ApiVariants}). */
    static final int MAX_LIMIT = 1000;
    public static final String USERNAME = "api@msp.example";

    private static final Pattern REVIEW = Pattern.compile("^/api/v3/reviews/(\\d+)/?$");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final LiveWorld world;
    private final int defaultLimit;
    private final String clientId, clientSecret, password;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger issued = new java.util.concurrent.atomic.AtomicInteger();
    private final SimServer server;

    private SmileBackSimulator(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        this.world = world;
        this.defaultLimit = variants.smileBackDefaultLimit();
        this.clientId = SimSecrets.of(seed, "smileback-client", 20);
        this.clientSecret = SimSecrets.of(seed, "smileback-secret", 40);
        this.password = SimSecrets.of(seed, "smileback-password", 16);
        this.server = SimServer.start(port, faults, new Errors(), this::handle);
    }

    public static SmileBackSimulator start(LiveWorld world, int port, Faults faults, long seed, ApiVariants variants) {
        return new SmileBackSimulator(world, port, faults, seed, variants);
    }

    @Override
    public String name() { return "smileback"; }

    @Override
    public SimServer server() { return server; }

    @Override
    public Map<String, String> connectorSettings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("baseUrl", server.baseUrl() + "/api");
        settings.put("clientId", clientId);
        settings.put("clientSecret", clientSecret);
        settings.put("username", USERNAME);
        settings.put("password", password);
        return settings;
    }

    private SimResponse handle(SimRequest request) {
        String path = request.path();
        if (path.equals("/api/token/") || path.equals("/api/token")) return token(request);
        if (!path.startsWith("/api/v3/")) return detail(404, "Not found.");
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7).trim())) {
            return detail(401, "Authentication credentials were not provided.")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"api\"");
        }
        if (!request.method().equals("GET")) return detail(405, "Method \"" + request.method() + "\" not allowed.");
        if (path.equals("/api/v3/reviews/") || path.equals("/api/v3/reviews")) return reviews(request);
        Matcher one = REVIEW.matcher(path);
        if (one.matches()) {
            long id = Long.parseLong(one.group(1));
            return world.view().reviews().stream().filter(r -> r.id() == id).findFirst()
                    .map(r -> SimResponse.json(200, review(r))).orElseGet(() -> detail(404, "Not found."));
        }
        return detail(404, "Not found.");
    }

    private SimResponse token(SimRequest request) {
        if (!request.method().equals("POST")) return detail(405, "Method \"" + request.method() + "\" not allowed.");
        Map<String, String> form = request.form();
        String id = form.get("client_id"), secret = form.get("client_secret");
        String basic = request.header("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
            id = pair[0];
            secret = pair.length > 1 ? pair[1] : "";
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) return oauthError(401, "invalid_client", null);
        if (!"password".equals(form.get("grant_type"))) return oauthError(400, "unsupported_grant_type", null);
        if (!USERNAME.equals(form.get("username")) || !password.equals(form.get("password"))) {
            return oauthError(400, "invalid_grant", "Invalid credentials given.");
        }
        String token = SimSecrets.of(issued.incrementAndGet(), clientId, 30);
        tokens.add(token);
        var body = new LinkedHashMap<String, Object>();
        body.put("access_token", token);
        body.put("expires_in", 36000);
        body.put("token_type", "Bearer");
        body.put("scope", form.getOrDefault("scope", "read"));
        body.put("refresh_token", SimSecrets.of(issued.get(), clientSecret, 30));
        return SimResponse.json(200, body);
    }

    private SimResponse reviews(SimRequest request) {
        Instant since = null;
        String modifiedSince = request.param("modified_since");
        if (modifiedSince != null) {
            try {
                since = OffsetDateTime.parse(modifiedSince).toInstant();
            } catch (DateTimeParseException e) {
                return SimResponse.json(400, Map.of("modified_since", List.of("Enter a valid date/time.")));
            }
        }
        boolean includeUnrated = "true".equalsIgnoreCase(request.param("include_unrated"));
        int limit, offset;
        try {
            limit = Math.min(MAX_LIMIT, Integer.parseInt(request.query().getOrDefault("limit", String.valueOf(defaultLimit))));
            offset = Math.max(0, Integer.parseInt(request.query().getOrDefault("offset", "0")));
        } catch (NumberFormatException e) {
            return detail(400, "limit and offset must be integers.");
        }
        var matching = new ArrayList<Review>();
        for (Review r : world.view().reviews()) {
            if (!includeUnrated && (r.rating() == null || r.ratedAt().isAfter(world.now()))) continue;
            if (since != null && lastModified(r).isBefore(since)) continue;
            matching.add(r);
        }
        var results = matching.subList(Math.min(offset, matching.size()), Math.min(matching.size(), offset + limit))
                .stream().map(this::review).toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("count", matching.size());
        body.put("next", offset + limit < matching.size() ? pageUrl(request, limit, offset + limit) : null);
        body.put("previous", offset > 0 ? pageUrl(request, limit, Math.max(0, offset - limit)) : null);
        body.put("results", results);
        return SimResponse.json(200, body);
    }

    private String pageUrl(SimRequest request, int limit, int offset) {
        var query = new StringBuilder();
        request.query().forEach((k, v) -> {
            if (!k.equals("limit") && !k.equals("offset")) {
                query.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        return request.baseUrl() + request.path() + "?" + query + "limit=" + limit + "&offset=" + offset;
    }

    /** What SmileBack shows now: a review not yet rated at this instant is still unrated. */
    private Instant lastModified(Review r) {
        return r.ratedAt() != null && !r.ratedAt().isAfter(world.now()) ? r.ratedAt() : r.sentAt();
    }

    private Map<String, Object> review(Review r) {
        Ticket t = r.ticket();
        Client c = t.client();
        boolean rated = r.ratedAt() != null && !r.ratedAt().isAfter(world.now());
        var ticket = new LinkedHashMap<String, Object>();
        ticket.put("id", String.valueOf(t.id()));
        ticket.put("title", t.summary());
        ticket.put("segment", Map.of("id", String.valueOf(t.board().id()), "name", t.board().displayName()));
        ticket.put("agents", List.of(t.owner().firstName() + t.owner().lastName().charAt(0)));
        ticket.put("closed_on", t.closedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        var company = new LinkedHashMap<String, Object>();
        company.put("id", String.valueOf(c.id()));
        company.put("name", c.name());
        company.put("territory_name", "Canada");
        company.put("territory_remote_id", "1");
        company.put("market_name", c.industry());
        company.put("market_remote_id", String.valueOf(c.industry().hashCode() & 0xff));
        var body = new LinkedHashMap<String, Object>();
        body.put("id", r.id());
        body.put("rating", rated ? r.rating() : null);
        body.put("comment", rated ? r.comment() : null);
        body.put("ticket", ticket);
        body.put("contact", Map.of("id", String.valueOf(t.contact().id()), "name", t.contact().name(), "email", t.contact().email()));
        body.put("company", company);
        body.put("status", "open");
        body.put("tags", List.of());
        body.put("has_marketing_permission", false);
        body.put("viewed_on", rated ? MICROS.format(r.ratedAt().minusSeconds(90)) : null);
        body.put("rated_on", rated ? MICROS.format(r.ratedAt()) : null);
        body.put("permalink", "https://app.smileback.io/reviews/" + t.id() + "/");
        body.put("last_modified", MICROS.format(lastModified(r)));
        return body;
    }

    private static SimResponse detail(int status, String message) {
        return SimResponse.json(status, Map.of("detail", message));
    }

    private static SimResponse oauthError(int status, String error, String description) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        if (description != null) body.put("error_description", description);
        return SimResponse.json(status, body);
    }

    /** Django REST framework's throttle body and Django's plain server-error page. */
    private static final class Errors implements ServiceErrors {
        @Override
        public SimResponse tooManyRequests(int retryAfterSeconds) {
            return detail(429, "Request was throttled. Expected available in " + retryAfterSeconds + " seconds.")
                    .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }

        @Override
        public SimResponse serverError() {
            return SimResponse.text(500, "<h1>Server Error (500)</h1>").withHeader("Content-Type", "text/html; charset=utf-8");
        }
    }
}
