package com.mspanalytics.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a credential may do (docs/api.md, Authentication). Spelled in lower case on the wire and in tokens. */
public enum Permission {
    READ,
    SYNC,
    COMPUTE,
    LLM,
    ADMIN;

    public static final Set<Permission> ALL = EnumSet.allOf(Permission.class);

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Permission fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown permission '" + value
                        + "'; expected one of read, sync, compute, llm, admin"));
    }
}
