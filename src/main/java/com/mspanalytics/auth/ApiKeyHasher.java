package com.mspanalytics.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 of an API key under a server-side pepper; only this digest is stored.
 *
 * <p>Why not bcrypt or Argon2: those slow hashes protect low-entropy passwords from guessing. An API
 * key carries 256 random bits, so no guessing attack exists to slow down, and a slow hash would only
 * add latency to every request. The pepper means a stolen database alone cannot even confirm a key.
 * Lookup is by digest through an index, so no comparison of secrets happens in Java; equality is
 * decided by PostgreSQL on the digest, which leaks nothing useful about the key.
 */
@Component
class ApiKeyHasher {

    private final SecretKeySpec pepper;

    ApiKeyHasher(AuthProperties properties) {
        this.pepper = new SecretKeySpec(properties.apiKeyPepper().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    byte[] hash(String apiKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac.doFinal(apiKey.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
