package com.mspanalytics.simulator.connectwise;

import com.mspanalytics.simulator.http.SimRequest;
import com.mspanalytics.simulator.http.SimResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The common list parameters of ConnectWise's REST API applied to one collection: {@code conditions},
 * {@code orderBy}, {@code fields}, navigable paging with RFC 5988 {@code Link} headers, and forward-only paging.
 */
final class ListQuery {

    static final int DEFAULT_PAGE_SIZE = 25, MAX_PAGE_SIZE = 1000;

    private ListQuery() {}

    /** {@code records} must be in id order (every collection is), which forward-only paging relies on. */
    static SimResponse list(SimRequest request, List<ObjectNode> records, String conditions, boolean nextOnEveryPage) {
        return list(request, records, null, null, conditions, nextOnEveryPage);
    }

    /**
     * As above; {@code index} (may be null) answers keyset-shaped reads of a large collection by binary search and
     * renders only the page's records. Whatever it does not answer is evaluated record by record, as without it.
     * {@code readAhead} (may be null) prepares the next page of an indexed read while the client stores this one.
     */
    static SimResponse list(SimRequest request, List<ObjectNode> records, KeysetIndex index, ReadAhead readAhead,
                            String conditions, boolean nextOnEveryPage) {
        Predicate<JsonNode> predicate = Conditions.parse(conditions, records.isEmpty() ? null : records.get(0));
        int pageSize = pageSize(request);
        boolean forwardOnly = "forward-only".equalsIgnoreCase(request.header("pagination-type"));
        String fields = request.param("fields");
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        String link;
        if (forwardOnly) {
            if (request.param("orderBy") != null) throw new InvalidConditions("orderBy is not supported with forward-only pagination");
            boolean all = conditions == null || conditions.isBlank();
            // listing ids only (deletion reconciliation) needs no record rendered when the index knows the ids
            boolean idsOnly = index != null && all && fields != null && fields.trim().equalsIgnoreCase("id");
            long after = longParam(request, "pageId", 0);
            int first = index != null ? index.firstIdAbove(after) : firstIdAbove(records, after);
            int count = 0;
            long lastId = 0;
            for (int i = first; i < records.size() && count < pageSize; i++) {
                if (idsOnly) {
                    lastId = index.idAt(i);
                    body.add(JsonNodeFactory.instance.objectNode().put("id", lastId));
                    count++;
                    continue;
                }
                ObjectNode record = records.get(i);
                if (!all && !predicate.test(record)) continue;
                body.add(fields == null || fields.isBlank() ? record : project(record, fields));
                lastId = record.get("id").asLong();
                count++;
            }
            boolean more = nextOnEveryPage ? count > 0 : count == pageSize;
            link = !more ? null : "<" + url(request, Map.of("pageId", Long.toString(lastId))) + ">; rel=\"next\"";
        } else {
            List<ObjectNode> sorted = index == null ? null : index.select(records, conditions, request.param("orderBy"));
            if (sorted == null) {
                var matching = new ArrayList<ObjectNode>();
                for (ObjectNode record : records) if (predicate.test(record)) matching.add(record);
                matching.sort(orderBy(request.param("orderBy")));
                sorted = matching;
            }
            int pageNumber = (int) Math.max(1, longParam(request, "page", 1));
            int last = Math.max(1, (sorted.size() + pageSize - 1) / pageSize);
            int from = Math.min(sorted.size(), (pageNumber - 1) * pageSize);
            int to = Math.min(sorted.size(), from + pageSize);
            link = navigableLinks(request, pageNumber, last, pageSize);
            var selection = readAhead == null || (fields != null && !fields.isBlank()) ? null : KeysetIndex.selectionOf(sorted);
            if (selection != null) {
                var response = SimResponse.jsonBytes(200, readAhead.body(selection, from, to, pageSize));
                return link == null ? response : response.withHeader("Link", link);
            }
            List<ObjectNode> page = sorted.subList(from, to);
            page.forEach(r -> body.add(fields == null || fields.isBlank() ? r : project(r, fields)));
        }
        var response = SimResponse.json(200, body);
        return link == null ? response : response.withHeader("Link", link);
    }

    static java.util.Optional<ObjectNode> byId(List<ObjectNode> records, long id) {
        int index = firstIdAbove(records, id - 1);
        if (index == records.size()) return java.util.Optional.empty();
        ObjectNode record = records.get(index);
        return record.get("id").asLong() == id ? java.util.Optional.of(record) : java.util.Optional.empty();
    }

    private static int firstIdAbove(List<ObjectNode> records, long id) {
        int low = 0, high = records.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (records.get(mid).get("id").asLong() <= id) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    static SimResponse count(List<ObjectNode> records, String conditions) {
        Predicate<JsonNode> predicate = Conditions.parse(conditions, records.isEmpty() ? null : records.get(0));
        int count = 0;
        for (ObjectNode record : records) if (predicate.test(record)) count++;
        return SimResponse.json(200, Map.of("count", count));
    }

    private static String navigableLinks(SimRequest request, int page, int last, int pageSize) {
        if (last == 1 && page == 1) return null;
        var links = new ArrayList<String>();
        String size = String.valueOf(pageSize);
        if (page > 1) {
            links.add("<" + url(request, Map.of("pageSize", size, "page", "1")) + ">; rel=\"first\"");
            links.add("<" + url(request, Map.of("pageSize", size, "page", String.valueOf(Math.min(page - 1, last)))) + ">; rel=\"prev\"");
        }
        if (page < last) {
            links.add("<" + url(request, Map.of("pageSize", size, "page", String.valueOf(page + 1))) + ">; rel=\"next\"");
            links.add("<" + url(request, Map.of("pageSize", size, "page", String.valueOf(last))) + ">; rel=\"last\"");
        }
        return links.isEmpty() ? null : String.join(", ", links);
    }

    /** The request's own URL with some parameters replaced, as ConnectWise builds its Link headers. */
    private static String url(SimRequest request, Map<String, String> overrides) {
        var params = new LinkedHashMap<>(request.query());
        params.putAll(overrides);
        var query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&").append(encode(k)).append('=').append(encode(v)));
        return request.baseUrl() + request.path() + query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int pageSize(SimRequest request) {
        long size = longParam(request, "pageSize", DEFAULT_PAGE_SIZE);
        return (int) Math.min(MAX_PAGE_SIZE, Math.max(1, size));
    }

    private static long longParam(SimRequest request, String name, long fallback) {
        String value = request.param(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConditions(name + " must be a number");
        }
    }

    private static Comparator<ObjectNode> orderBy(String orderBy) {
        Comparator<ObjectNode> comparator = null;
        if (orderBy != null && !orderBy.isBlank()) {
            for (String clause : orderBy.split(",")) {
                String[] parts = clause.trim().split("\\s+");
                boolean desc = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
                if (parts.length > 2 || (parts.length == 2 && !desc && !parts[1].equalsIgnoreCase("asc"))) {
                    throw new InvalidConditions("orderBy clause '" + clause.trim() + "' is invalid");
                }
                Comparator<ObjectNode> byField = (a, b) -> compareValues(Fields.resolve(a, parts[0]), Fields.resolve(b, parts[0]));
                if (desc) byField = byField.reversed();
                comparator = comparator == null ? byField : comparator.thenComparing(byField);
            }
        }
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.get("id").asLong());
        return comparator == null ? byId : comparator.thenComparing(byId);
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        boolean aNull = a.isMissingNode() || a.isNull(), bNull = b.isMissingNode() || b.isNull();
        if (aNull || bNull) return Boolean.compare(!aNull, !bNull);
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.asText().toLowerCase(Locale.ROOT).compareTo(b.asText().toLowerCase(Locale.ROOT));
    }

    /** {@code fields=id,name,status/id}: keep only those paths. */
    private static ObjectNode project(ObjectNode record, String fields) {
        var result = JsonNodeFactory.instance.objectNode();
        for (String path : fields.split(",")) {
            String[] segments = path.trim().split("/");
            JsonNode source = record;
            ObjectNode target = result;
            for (int i = 0; i < segments.length; i++) {
                String name = actualName(source, segments[i]);
                if (name == null) break;
                JsonNode child = source.get(name);
                if (i == segments.length - 1 || !child.isObject()) {
                    target.set(name, child);
                    break;
                }
                target = target.has(name) ? (ObjectNode) target.get(name) : target.putObject(name);
                source = child;
            }
        }
        return result;
    }

    private static String actualName(JsonNode node, String name) {
        for (var e : node.properties()) if (e.getKey().equalsIgnoreCase(name)) return e.getKey();
        return null;
    }
}
