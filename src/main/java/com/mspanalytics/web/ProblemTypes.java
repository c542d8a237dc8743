package com.mspanalytics.web;

import java.net.URI;

/**
 * Stable {@code type} URIs of our own problem kinds (RFC 9457 §3.1.1). Plain HTTP failures keep
 * {@code about:blank}, whose meaning is the status code itself.
 */
public final class ProblemTypes {

    public static final URI VALIDATION = URI.create("urn:msp-analytics:problem:validation");
    public static final URI MALFORMED_BODY = URI.create("urn:msp-analytics:problem:malformed-body");
    public static final URI PAYLOAD_TOO_LARGE = URI.create("urn:msp-analytics:problem:payload-too-large");

    private ProblemTypes() {
    }
}
