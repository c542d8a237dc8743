package com.mspanalytics.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.simulator.SimulatorOptions;
import com.mspanalytics.simulator.Simulators;
import com.mspanalytics.simulator.TestSimulators;
import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.world.WorldSize;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The indexed (binary search) answers of large collections are byte for byte the generic evaluator's. */
class KeysetIndexTests {

    static Simulators sim;

    @BeforeAll
    static void start() {
        sim = Simulators.start(SimulatorOptions.of(TestSimulators.SEED, WorldSize.TINY, TestSimulators.END));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void indexedAndGenericAnswersAreIdentical() {
        int compared = compareEverything();
        sim.advanceClock(Duration.ofDays(3));   // a new view: new, updated and one deleted ticket
        compared += compareEverything();
        assertThat(compared).isGreaterThan(200);
    }

    @Test
    void theKeysetShapesAreAnsweredByTheIndex() {
        var records = IntStream.range(0, 5).mapToObj(i -> JsonNodeFactory.instance.objectNode().put("id", i + 1)).toList();
        var index = KeysetIndex.build(5, i -> i + 1, i -> 1_700_000_000L + i / 2);
        String w = "[2023-11-14T22:13:21Z]";   // 1_700_000_001: positions 2 and 3 (ids 3, 4)
        String byUpdated = "_info/lastUpdated asc, id asc";
        assertThat(index.select(records, "_info/lastUpdated > " + w + " OR (_info/lastUpdated = " + w + " AND id > 3)", byUpdated))
                .extracting(r -> r.get("id").asLong()).containsExactly(4L, 5L);
        assertThat(index.select(records, "lastUpdated > " + w, "lastUpdated")).extracting(r -> r.get("id").asLong()).containsExactly(5L);
        assertThat(index.select(records, "lastUpdated >= " + w, byUpdated)).extracting(r -> r.get("id").asLong()).containsExactly(3L, 4L, 5L);
        assertThat(index.select(records, null, null)).hasSize(5);
        assertThat(index.select(records, "lastUpdated > [2023-11-14T22:13:21.5Z]", byUpdated)).as("fractions: generic").isNull();
        assertThat(index.select(records, "closedFlag = true", byUpdated)).as("other conditions: generic").isNull();
        assertThat(index.select(records, null, "summary asc")).as("other orders: generic").isNull();
    }

    /** Pages of tickets and time entries for many query shapes, each asked with and without the index. */
    private int compareEverything() {
        int compared = 0;
        for (String path : List.of("/service/tickets", "/time/entries")) {
            List<String> conditions = new ArrayList<>();
            conditions.add(null);
            for (JsonNode record : samples(path)) {
                String at = "[" + record.path("_info").path("lastUpdated").asString() + "]";
                long id = record.path("id").asLong();
                conditions.add("_info/lastUpdated > " + at + " OR (_info/lastUpdated = " + at + " AND id > " + id + ")");
                conditions.add("LASTUPDATED>" + at + " or(lastupdated = " + at + " and ID > " + (id - 1) + ")");
                conditions.add("lastUpdated > " + at);
                conditions.add("_info/lastUpdated >= " + at);
                conditions.add("_info/lastUpdated > " + at + " OR (_info/lastUpdated = [2020-01-01T00:00:00Z] AND id > " + id + ")");
            }
            conditions.add("lastUpdated > [2026-11-20T00:00:00.250Z]");
            conditions.add("lastUpdated > [not a date]");
            conditions.add("id > 5 AND lastUpdated > [2026-11-01T00:00:00Z]");
            for (String condition : conditions) {
                for (String orderBy : new String[] {"_info/lastUpdated asc, id asc", "lastUpdated", null}) {
                    for (String pageAndSize : new String[] {"page=1&pageSize=1000", "page=3&pageSize=7"}) {
                        compared += compare(path, query(condition, orderBy) + pageAndSize, Map.of());
                    }
                }
            }
            compared += compare(path, query(null, "_info/lastUpdated asc, id asc") + "pageSize=50&fields=id,summary,_info/lastUpdated", Map.of());
            compared += walkByKeyset(path, 250);   // as the connector reads: the read-ahead serves these pages
            for (String pageId : new String[] {"0", "17", "999999999"}) {
                var forwardOnly = Map.of("pagination-type", "forward-only");
                compared += compare(path, "fields=id&pageSize=100&pageId=" + pageId, forwardOnly);
                compared += compare(path, "fields=ID&pageSize=1000&pageId=" + pageId, forwardOnly);
                compared += compare(path, "pageSize=30&pageId=" + pageId, forwardOnly);
                compared += compare(path, "fields=id&pageSize=30&pageId=" + pageId + "&conditions="
                        + encode("lastUpdated > [2026-11-01T00:00:00Z]"), forwardOnly);
            }
        }
        return compared;
    }

    /** Reads the whole collection page after page by keyset, comparing each page; returns the pages compared. */
    private int walkByKeyset(String path, int pageSize) {
        String conditions = null;
        for (int pages = 1; ; pages++) {
            String query = query(conditions, "_info/lastUpdated asc, id asc") + "pageSize=" + pageSize + "&page=1";
            compare(path, query, Map.of());
            JsonNode page = SimResponse.JSON.readTree(sim.connectWise().handle(request(path, query, Map.of()), true).body());
            if (page.size() < pageSize) return pages;
            JsonNode last = page.get(page.size() - 1);
            String at = "[" + last.path("_info").path("lastUpdated").asString() + "]";
            conditions = "_info/lastUpdated > " + at + " OR (_info/lastUpdated = " + at + " AND id > " + last.path("id").asLong() + ")";
        }
    }

    /** Records at a few places of the (lastUpdated, id) order, including the last. */
    private List<JsonNode> samples(String path) {
        var all = new ArrayList<JsonNode>();
        for (int page = 1; ; page++) {
            SimResponse response = sim.connectWise().handle(request(path, "pageSize=1000&page=" + page, Map.of()), false);
            JsonNode records = SimResponse.JSON.readTree(response.body());
            if (records.isEmpty()) break;
            records.forEach(all::add);
        }
        all.sort(Comparator.comparing((JsonNode r) -> Instant.parse(r.path("_info").path("lastUpdated").asString()))
                .thenComparingLong(r -> r.path("id").asLong()));
        return List.of(all.get(all.size() / 2), all.get(all.size() - 1));
    }

    private int compare(String path, String query, Map<String, String> headers) {
        SimRequest request = request(path, query, headers);
        SimResponse generic = sim.connectWise().handle(request, false);
        SimResponse indexed = sim.connectWise().handle(request, true);
        assertThat(indexed.status()).as(path + "?" + query).isEqualTo(generic.status());
        assertThat(indexed.headers()).as(path + "?" + query).isEqualTo(generic.headers());
        assertThat(new String(indexed.body(), StandardCharsets.UTF_8)).as(path + "?" + query)
                .isEqualTo(new String(generic.body(), StandardCharsets.UTF_8));
        return 1;
    }

    private static String query(String conditions, String orderBy) {
        return (conditions == null ? "" : "conditions=" + encode(conditions) + "&") + (orderBy == null ? "" : "orderBy=" + encode(orderBy) + "&");
    }

    private static SimRequest request(String path, String rawQuery, Map<String, String> extraHeaders) {
        var settings = sim.connectorSettings().get("connectwise");
        String login = settings.get("companyId") + "+" + settings.get("publicKey") + ":" + settings.get("privateKey");
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        headers.put("clientId", settings.get("clientId"));
        headers.putAll(extraHeaders);
        var params = new LinkedHashMap<String, String>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            params.putIfAbsent(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String base = sim.baseUrl("connectwise");
        return new SimRequest("GET", "/" + ConnectWiseSimulator.CODEBASE + "/apis/3.0" + path, rawQuery, headers, params,
                new byte[0], base);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
