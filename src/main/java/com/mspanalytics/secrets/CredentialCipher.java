package com.mspanalytics.secrets;

import com.mspanalytics.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for credentials documents. Seals with the current key; opens with whichever configured
 * key sealed the value, so values under the previous key stay readable until rotation has run.
 *
 * <p>The associated data binds each value to its tenant and connector: a ciphertext copied into
 * another tenant's row (or another connector's) fails the tag check instead of decrypting.
 */
final class CredentialCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final CredentialKey current;
    private final List<CredentialKey> previous;

    CredentialCipher(CredentialKey current, List<CredentialKey> previous) {
        this.current = current;
        this.previous = List.copyOf(previous);
        if (this.previous.stream().anyMatch(key -> key.id() == current.id())) {
            // Either the same key configured twice, or a 1-in-2^32 id collision: both make rotation ambiguous.
            throw new IllegalArgumentException("The previous secrets key has the same key id as the current one; "
                    + "set SECRETS_PREVIOUS_MASTER_KEY only while rotating to a different SECRETS_MASTER_KEY");
        }
    }

    int currentKeyId() {
        return current.id();
    }

    SealedCredentials seal(TenantId tenant, String connector, byte[] plaintext) {
        // A fresh random nonce per value: GCM with a repeated (key, nonce) pair loses all its guarantees.
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, current.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(tenant, connector));
            return new SealedCredentials(cipher.doFinal(plaintext), nonce, current.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt the " + connector + " credentials of tenant " + tenant, e);
        }
    }

    byte[] open(TenantId tenant, String connector, SealedCredentials sealed) {
        CredentialKey key = keyWithId(sealed.keyId()).orElseThrow(() -> new UnreadableCredentials(
                describe(tenant, connector, sealed) + " were encrypted under a key that is not configured "
                        + "(set SECRETS_PREVIOUS_MASTER_KEY and SECRETS_PREVIOUS_SALT to the old values and run rotate-secrets)",
                null));
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData(tenant, connector));
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new UnreadableCredentials(describe(tenant, connector, sealed)
                    + " fail authentication: they were not encrypted for this tenant and connector, or were altered", e);
        } catch (GeneralSecurityException e) {
            throw new UnreadableCredentials(describe(tenant, connector, sealed) + " cannot be decrypted", e);
        }
    }

    private Optional<CredentialKey> keyWithId(int id) {
        if (current.id() == id) {
            return Optional.of(current);
        }
        return previous.stream().filter(key -> key.id() == id).findFirst();
    }

    private static byte[] associatedData(TenantId tenant, String connector) {
        return ("msp-analytics credentials v1|tenant=" + tenant + "|connector=" + connector)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(TenantId tenant, String connector, SealedCredentials sealed) {
        return "The stored " + connector + " credentials of tenant " + tenant + " (key id " + sealed.keyId() + ")";
    }
}
