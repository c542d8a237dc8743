package com.mspanalytics.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The outbound client's DNS: the addresses a connection is opened to are the very ones the policy
 * vetted, with no second lookup between check and connect for a rebinding attacker to exploit.
 */
final class VettingDnsResolver implements DnsResolver {

    private final OutboundUrlPolicy policy;

    VettingDnsResolver(OutboundUrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) {
        return policy.addressesOf(host).toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        // Used only for Kerberos/SPNEGO, which connectors do not use.
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
