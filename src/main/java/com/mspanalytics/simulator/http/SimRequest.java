package com.mspanalytics.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** An incoming request, decoded: headers are case-insensitive, query parameters keep their first value. */
public record SimRequest(String method, String path, String rawQuery, Map<String, String> headers,
                         Map<String, String> query, byte[] body, String baseUrl) {

    public String header(String name) {
        return headers.get(name);
    }

    public String param(String name) {
        return query.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static Map<String, String> parseQuery(String raw) {
        var params = new LinkedHashMap<String, String>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** Form bodies use the same encoding as query strings. */
    public Map<String, String> form() {
        return parseQuery(bodyText());
    }

    static Map<String, String> caseInsensitive(Map<String, String> headers) {
        var map = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
