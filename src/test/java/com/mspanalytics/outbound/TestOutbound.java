package com.mspanalytics.outbound;

import com.mspanalytics.outbound.ConnectorsProperties;
import com.mspanalytics.outbound.VettingDnsResolver;
import com.mspanalytics.outbound.VettingSocketFactory;
import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.outbound.OutboundHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SSRF policy and the outbound client over a DNS the test writes, for tests outside this package (the Claude
 * client, the digest mailer). Nothing here resolves a name through the system: a name missing from the test's DNS
 * does not resolve.
 */
public final class TestOutbound {

    private TestOutbound() {
    }

    /** DNS as a test writes it. */
    @FunctionalInterface
    public interface Dns {

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static OutboundUrlPolicy policy(boolean allowPrivateAddresses, Dns dns) {
        return new OutboundUrlPolicy(allowPrivateAddresses, dns::resolve);
    }

    /** Names resolve through {@code names}, IP literals to themselves; anything else does not resolve. */
    public static Dns dns(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address != null) {
                return OutboundUrlPolicyTests.addresses(address);
            }
            if (host.matches("[0-9.]+") || host.startsWith("[")) {
                return InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        };
    }

    /**
     * A DNS rebinding attack timed perfectly: {@code host} resolves to {@code checked} for every check of a URL or
     * host, and to {@code connected} for the lookups connections make (through {@link VettingDnsResolver} or
     * {@link VettingSocketFactory}), however many checks come first. {@code lookups} counts both.
     */
    public static Dns rebinding(String host, String checked, String connected, AtomicInteger lookups) {
        return name -> {
            if (!name.equals(host)) {
                throw new UnknownHostException(name);
            }
            lookups.incrementAndGet();
            return OutboundUrlPolicyTests.addresses(byAConnection() ? connected : checked);
        };
    }

    private static boolean byAConnection() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                isOrIsInside(frame.getClassName(), VettingDnsResolver.class)
                        || isOrIsInside(frame.getClassName(), VettingSocketFactory.class)));
    }

    private static boolean isOrIsInside(String className, Class<?> type) {
        return className.equals(type.getName()) || className.startsWith(type.getName() + "$");
    }

    /** The connectors' client over {@code policy}; close it with {@link #close}. */
    public static OutboundHttp http(OutboundUrlPolicy policy, Duration connectTimeout, Duration readTimeout) {
        return new OutboundHttp(policy, new ConnectorsProperties(null, connectTimeout, readTimeout));
    }

    public static void close(OutboundHttp http) {
        try {
            http.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
