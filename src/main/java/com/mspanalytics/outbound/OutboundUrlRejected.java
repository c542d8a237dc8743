package com.mspanalytics.outbound;

/**
 * A URL the service refuses to call (SSRF guard). The message names the host and the reason; it
 * never contains the path or query, which may carry a secret (a Slack webhook URL is one), nor the
 * addresses the host resolved to, which would map a private network for whoever asked.
 */
public class OutboundUrlRejected extends RuntimeException {

    private final String host;
    private final String reason;

    OutboundUrlRejected(String host, String reason) {
        super("Refusing to call host '" + host + "': " + reason);
        this.host = host;
        this.reason = reason;
    }

    public String host() {
        return host;
    }

    public String reason() {
        return reason;
    }
}
