package com.mspanalytics.simulator.http;

import java.util.Map;

/** A request a simulator served; secret headers are masked. {@code status} 0 means the connection was dropped. */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body,
                              int status) {}
