package com.mspanalytics.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Credentials the simulators accept: stable for a seed, different per service and per field. */
public final class SimSecrets {

    private SimSecrets() {}

    public static String of(long seed, String label, int hexLength) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((seed + ":" + label).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexLength);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
