package com.mspanalytics.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What a simulator answers. */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public static SimResponse json(int status, Object body) {
        return new SimResponse(status, new LinkedHashMap<>(Map.of("Content-Type", "application/json; charset=utf-8")),
                JSON.writeValueAsBytes(body));
    }

    /** A JSON body already serialised with {@link #JSON}. */
    public static SimResponse jsonBytes(int status, byte[] body) {
        return new SimResponse(status, new LinkedHashMap<>(Map.of("Content-Type", "application/json; charset=utf-8")), body);
    }

    public static SimResponse text(int status, String body) {
        return new SimResponse(status, new LinkedHashMap<>(Map.of("Content-Type", "text/plain; charset=utf-8")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public SimResponse withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }
}
