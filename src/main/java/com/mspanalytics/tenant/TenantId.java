package com.mspanalytics.tenant;

import java.util.Objects;
import java.util.UUID;

/** One MSP: the unit of isolation. Always taken from the caller's credential, never from input. */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
