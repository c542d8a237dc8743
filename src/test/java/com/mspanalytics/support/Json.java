package com.mspanalytics.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static String toJson(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }
}
