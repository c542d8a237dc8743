package com.mspanalytics.ratelimit;

import com.mspanalytics.tenant.TenantId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of docs/api.md ("Rate limits"): fixed windows aligned to the clock, one limit per path
 * group and tenant, and one per client address before authentication.
 *
 * @param window length of a window; every node starts and ends windows at the same instants
 * @param keyPrefix prefix of every Redis key, so that several deployments can share one Redis
 * @param redis where windows are counted; no {@code url} means in this process only
 * @param clientIp the per-address limit applied before authentication
 * @param groups path groups by name, e.g. {@code sync → (/sync, 60)}
 * @param tenantOverrides tenant id → group name → limit, replacing the group's limit for that tenant
 */
@ConfigurationProperties("msp.ratelimit")
public record RateLimitProperties(
        @DefaultValue("1m") Duration window,
        @DefaultValue("msp:ratelimit") String keyPrefix,
        @DefaultValue Redis redis,
        @DefaultValue ClientIp clientIp,
        Map<String, Group> groups,
        Map<String, Map<String, Long>> tenantOverrides) {

    public RateLimitProperties {
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("msp.ratelimit.window must be at least one second");
        }
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        tenantOverrides = tenantOverrides == null ? Map.of() : Map.copyOf(tenantOverrides);
    }

    /**
     * @param url {@code redis://host:port} or {@code rediss://…}; empty means no Redis at all
     * @param password sent with AUTH when the URL carries none (the compose file passes it apart)
     * @param timeout bound on connecting (with AUTH) and on each command: past it the request is limited
     *     per node. A command takes well under a millisecond; the margin is for a connection's first
     *     handshake in a cold JVM.
     */
    public record Redis(String url, String password, @DefaultValue("500ms") Duration timeout) {

        boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /** @param limit requests per window from one client address, whether or not they carry a credential */
    public record ClientIp(@DefaultValue("120") long limit) {
    }

    /**
     * @param path the group covers this path and everything under it ({@code /sync} covers {@code /sync/tickets})
     * @param limit requests per window and tenant
     */
    public record Group(String path, long limit) {

        boolean covers(String requestPath) {
            return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    /** The name of the group covering {@code requestPath}, if any. */
    Optional<String> groupOf(String requestPath) {
        return groups.entrySet().stream()
                .filter(group -> group.getValue().covers(requestPath))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The tenant's own limit for the group when it has one, else the group's. */
    long limitFor(TenantId tenant, String group) {
        Long override = tenantOverrides.getOrDefault(tenant.toString(), Map.of()).get(group);
        return override != null ? override : groups.get(group).limit();
    }
}
