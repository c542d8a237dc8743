package com.mspanalytics.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.support.TestSecrets;
import com.mspanalytics.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCipherTests {

    static final CredentialKey KEY_1 = CredentialKey.derive(TestSecrets.SECRETS_MASTER_KEY, TestSecrets.SECRETS_SALT);
    static final CredentialKey KEY_2 = CredentialKey.derive("zX9cV2bN7mQ4wE1rT6yU3iO8pA5sD0fG", "Lk4Jh7Gf2Ds9Ap1Oi6");
    static final String SECRET = "xoxb-plaintext-secret-7Hq2Lm9";

    final TenantId tenantA = new TenantId(UUID.randomUUID());
    final TenantId tenantB = new TenantId(UUID.randomUUID());
    final CredentialCipher cipher = new CredentialCipher(KEY_1, List.of());

    @Test
    void sealsEqualPlaintextsDifferentlyAndOpensBoth() {
        SealedCredentials first = cipher.seal(tenantA, "slack", bytes(SECRET));
        SealedCredentials second = cipher.seal(tenantA, "slack", bytes(SECRET));

        assertThat(first.nonce()).hasSize(12).isNotEqualTo(second.nonce()).isNotEqualTo(new byte[12]);
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(first.ciphertext()).hasSize(SECRET.length() + 16);
        assertThat(new String(cipher.open(tenantA, "slack", first), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        assertThat(new String(cipher.open(tenantA, "slack", second), StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void noncesDoNotRepeat() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            nonces.add(Arrays.toString(cipher.seal(tenantA, "slack", new byte[1]).nonce()));
        }
        assertThat(nonces).hasSize(10_000);
    }

    @Test
    void refusesToOpenForAnotherTenantOrConnector() {
        SealedCredentials sealed = cipher.seal(tenantA, "slack", bytes(SECRET));

        assertThatThrownBy(() -> cipher.open(tenantB, "slack", sealed))
                .isInstanceOf(UnreadableCredentials.class)
                .hasMessageContaining(tenantB.toString())
                .hasMessageContaining("not encrypted for this tenant and connector")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> cipher.open(tenantA, "smtp", sealed)).isInstanceOf(UnreadableCredentials.class);
    }

    @Test
    void detectsEveryFlippedByteOfNonceCiphertextAndTag() {
        SealedCredentials sealed = cipher.seal(tenantA, "slack", bytes(SECRET));
        for (int i = 0; i < sealed.nonce().length; i++) {
            byte[] nonce = sealed.nonce().clone();
            nonce[i] ^= 1;
            SealedCredentials altered = new SealedCredentials(sealed.ciphertext(), nonce, sealed.keyId());
            assertThatThrownBy(() -> cipher.open(tenantA, "slack", altered)).isInstanceOf(UnreadableCredentials.class);
        }
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] ciphertext = sealed.ciphertext().clone();
            ciphertext[i] ^= 1;
            SealedCredentials altered = new SealedCredentials(ciphertext, sealed.nonce(), sealed.keyId());
            assertThatThrownBy(() -> cipher.open(tenantA, "slack", altered)).isInstanceOf(UnreadableCredentials.class);
        }
    }

    @Test
    void readsValuesUnderThePreviousKeyAndSealsUnderTheCurrentOne() {
        SealedCredentials old = cipher.seal(tenantA, "slack", bytes(SECRET));
        CredentialCipher rotating = new CredentialCipher(KEY_2, List.of(KEY_1));

        assertThat(new String(rotating.open(tenantA, "slack", old), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        assertThat(rotating.seal(tenantA, "slack", bytes(SECRET)).keyId()).isEqualTo(KEY_2.id()).isNotEqualTo(KEY_1.id());
    }

    @Test
    void namesTheMissingKeyWhenAValueIsUnderAnUnknownOne() {
        SealedCredentials underKey2 = new CredentialCipher(KEY_2, List.of()).seal(tenantA, "slack", bytes(SECRET));

        assertThatThrownBy(() -> cipher.open(tenantA, "slack", underKey2))
                .isInstanceOf(UnreadableCredentials.class)
                .hasMessageContaining("key id " + KEY_2.id())
                .hasMessageContaining("SECRETS_PREVIOUS_MASTER_KEY")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void derivesTheSameKeyIdFromTheSameSecretsOnly() {
        assertThat(CredentialKey.derive(TestSecrets.SECRETS_MASTER_KEY, TestSecrets.SECRETS_SALT).id()).isEqualTo(KEY_1.id());
        assertThat(CredentialKey.derive(TestSecrets.SECRETS_MASTER_KEY, "another-salt-value-1").id()).isNotEqualTo(KEY_1.id());
        assertThat(KEY_1.toString()).doesNotContain(TestSecrets.SECRETS_MASTER_KEY);
    }

    @Test
    void refusesTheSameKeyAsCurrentAndPrevious() {
        assertThatThrownBy(() -> new CredentialCipher(KEY_1, List.of(KEY_1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(TestSecrets.SECRETS_MASTER_KEY);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
