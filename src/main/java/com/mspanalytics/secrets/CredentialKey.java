package com.mspanalytics.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key for connector credentials, derived from {@code SECRETS_MASTER_KEY} and
 * {@code SECRETS_SALT}, and the id stored next to every value it encrypts.
 *
 * <p>The id is derived too (HKDF with its own info string, so it reveals nothing about the AES key):
 * a new master key gets a new id by itself, and rotation finds the rows still under an old key
 * without anyone having to remember to bump a version number.
 */
final class CredentialKey {

    private static final byte[] KEY_INFO = "msp-analytics connector credentials v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID_INFO = "msp-analytics connector credentials key id v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;
    private final int id;

    private CredentialKey(SecretKey key, int id) {
        this.key = key;
        this.id = id;
    }

    /** The master key is already high-entropy (checked at startup), so HKDF rather than a slow password hash. */
    static CredentialKey derive(String masterKey, String salt) {
        if (masterKey == null || masterKey.isBlank() || salt == null || salt.isBlank()) {
            throw new IllegalArgumentException("A secrets key needs both a master key and a salt");
        }
        byte[] ikm = masterKey.getBytes(StandardCharsets.UTF_8);
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        SecretKey key = new SecretKeySpec(Hkdf.derive(ikm, saltBytes, KEY_INFO, 32), "AES");
        int id = ByteBuffer.wrap(Hkdf.derive(ikm, saltBytes, ID_INFO, 4)).getInt();
        return new CredentialKey(key, id);
    }

    SecretKey secretKey() {
        return key;
    }

    int id() {
        return id;
    }

    @Override
    public String toString() {
        return "CredentialKey[id=" + id + "]";
    }
}
