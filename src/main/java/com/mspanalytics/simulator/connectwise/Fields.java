package com.mspanalytics.simulator.connectwise;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Field paths as ConnectWise reads them: {@code board/name}, matched case-insensitively, with
 * {@code lastUpdated} and {@code dateEntered} falling back to their {@code _info} entries.
 */
final class Fields {

    private Fields() {}

    static JsonNode resolve(JsonNode record, String path) {
        JsonNode node = record;
        for (String segment : path.split("/")) {
            node = child(node, segment);
            if (node.isMissingNode()) break;
        }
        if (node.isMissingNode() && !path.contains("/")) {
            JsonNode info = child(record, "_info");
            node = child(info, path);
        }
        return node;
    }

    /** Whether the first segment names a field of this kind of record (unknown fields are a 400). */
    static boolean known(JsonNode template, String path) {
        String first = path.split("/")[0];
        return !child(template, first).isMissingNode() || !child(child(template, "_info"), first).isMissingNode();
    }

    private static JsonNode child(JsonNode node, String name) {
        if (node == null || !node.isObject()) return MissingNode.getInstance();
        JsonNode exact = node.get(name);
        if (exact != null) return exact;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return MissingNode.getInstance();
    }
}
