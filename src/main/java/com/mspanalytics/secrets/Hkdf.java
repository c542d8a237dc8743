package com.mspanalytics.secrets;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869). Written here on the JDK's HmacSHA256 rather than pulled in from Bouncy
 * Castle: the whole algorithm is the two short loops below, checked against the RFC's test vectors,
 * and a cryptographic provider jar for twenty lines is more to keep patched than it saves.
 */
final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    static byte[] derive(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) {
        if (length <= 0 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 output length must be 1.." + 255 * HASH_LENGTH);
        }
        return expand(extract(salt, inputKeyMaterial), info, length);
    }

    /** Step 1: concentrates the input's entropy into one pseudorandom key. */
    static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        // RFC 5869 2.2: an absent salt is HashLen zero bytes.
        return hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt).doFinal(inputKeyMaterial);
    }

    /** Step 2: T(i) = HMAC(PRK, T(i-1) | info | i), concatenated and cut to {@code length}. */
    static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
        Mac mac = hmac(pseudorandomKey);
        ByteArrayOutputStream output = new ByteArrayOutputStream(length + HASH_LENGTH);
        byte[] previous = new byte[0];
        for (int counter = 1; output.size() < length; counter++) {
            mac.update(previous);
            mac.update(info);
            mac.update((byte) counter);
            previous = mac.doFinal();
            output.writeBytes(previous);
        }
        byte[] okm = new byte[length];
        System.arraycopy(output.toByteArray(), 0, okm, 0, length);
        return okm;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks " + HMAC, e);
        }
    }
}
