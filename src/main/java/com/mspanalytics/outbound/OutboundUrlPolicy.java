package com.mspanalytics.outbound;

import com.mspanalytics.config.RunMode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard for tenant-supplied URLs (server-side request forgery, OWASP API Security Top 10 API7): in
 * production only https to hosts whose every DNS answer is a public address. Loopback and private addresses,
 * and plain http, are
 * allowed only when {@code msp.connectors.allow-private-addresses} says so, which embedded mode does
 * by default so that the simulators on loopback work.
 *
 * <p>Call {@link #check} when a URL is saved, so the tenant hears about it at once. At call time
 * there is nothing to do: clients from {@link OutboundHttp} (Claude's included) check every request
 * and vet the addresses their connections actually use, as do sockets from {@link VettingSocketFactory}
 * (SMTP), which also defeats DNS rebinding (a host that answers with a public address for the check and
 * a private one for the connection).
 */
@Component
public class OutboundUrlPolicy {

    private final boolean allowPrivateAddresses;
    private final HostResolver resolver;

    @Autowired
    OutboundUrlPolicy(ConnectorsProperties properties, Environment environment) {
        this(properties.allowPrivateAddresses() != null
                        ? properties.allowPrivateAddresses()
                        : RunMode.of(environment) == RunMode.EMBEDDED,
                InetAddress::getAllByName);
    }

    OutboundUrlPolicy(boolean allowPrivateAddresses, HostResolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    /**
     * @return the host's addresses, every one vetted; a caller that connects by itself can pin one
     * @throws OutboundUrlRejected naming the host and the reason
     */
    public List<InetAddress> check(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new OutboundUrlRejected("(none)", "the URL has no host");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivateAddresses)) {
            throw new OutboundUrlRejected(host, "only https URLs are allowed, not '" + scheme + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new OutboundUrlRejected(host, "credentials in the URL are not allowed");
        }
        return addressesOf(host);
    }

    /**
     * Resolves {@code host} and refuses it unless every address it resolves to is allowed: for services reached by
     * other protocols than HTTP (SMTP).
     */
    public List<InetAddress> addressesOf(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new OutboundUrlRejected(host, "it does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new OutboundUrlRejected(host, "it does not resolve");
        }
        if (!allowPrivateAddresses) {
            // Every answer, not just the first: the connection may use any of them.
            for (InetAddress address : addresses) {
                PublicAddresses.whyNotPublic(address).ifPresent(reason -> {
                    throw new OutboundUrlRejected(host, "it resolves to " + reason);
                });
            }
        }
        return List.of(addresses);
    }
}
