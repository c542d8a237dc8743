package com.mspanalytics.auth.users;

import java.util.Arrays;
import java.util.Locale;

/** What a tenant user may do on the dashboard. Each role includes the ones below it. */
public enum Role {
    /** reads every page */
    VIEWER,
    /** also acknowledges anomalies, asks for AI briefs, previews digests and starts syncs */
    MANAGER,
    /** also manages users, connectors, API keys and settings */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + value
                        + "'; expected admin, manager or viewer"));
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
