package com.mspanalytics.secrets;

import static com.mspanalytics.secrets.CredentialCipherTests.KEY_1;
import static com.mspanalytics.secrets.CredentialCipherTests.KEY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application context encrypts under key 1 (the test secrets). Rotation to key 2 is built by
 * hand on the owner's connection, as the {@code rotate-secrets} command would be configured; every
 * test rotates back so that the shared database stays readable by the context.
 */
@IntegrationTest
class CredentialRotationIntegrationTests {

    @Autowired
    CredentialVault vault;

    final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
    final TenantId tenantA = new TenantId(UUID.randomUUID());
    final TenantId tenantB = new TenantId(UUID.randomUUID());
    final CredentialRotation toKey2 = rotation(KEY_2, KEY_1);
    final CredentialRotation backToKey1 = rotation(KEY_1, KEY_2);

    @BeforeEach
    void twoTenantsWithCredentials() {
        for (TenantId tenant : List.of(tenantA, tenantB)) {
            owner.sql("INSERT INTO tenants (id, name) VALUES (?, ?)").params(tenant.value(), "t-" + tenant).update();
            vault.save(tenant, "slack", Map.of("webhookUrl", "https://hooks.slack.com/services/" + tenant));
            vault.save(tenant, "sentinelone", Map.of("baseUrl", "https://acme.sentinelone.net", "apiToken", "tok-" + tenant));
        }
    }

    @AfterEach
    void backToKey1AndRemoveTenants() {
        owner.sql("DELETE FROM tenants WHERE id IN (?, ?)").params(tenantA.value(), tenantB.value()).update();
        backToKey1.rotate();
    }

    @Test
    void reEncryptsEveryTenantsValuesUnderTheNewKey() {
        long rows = countRows();
        long underKey1 = countRowsUnder(KEY_1);

        int rotated = toKey2.rotate();

        assertThat(rotated).isEqualTo(underKey1).isGreaterThanOrEqualTo(4);
        assertThat(countRows()).isEqualTo(rows);
        assertThat(countRowsUnder(KEY_2)).isEqualTo(rows);
        CredentialCipher key2Only = new CredentialCipher(KEY_2, List.of());
        CredentialCipher key1Only = new CredentialCipher(KEY_1, List.of());
        for (TenantId tenant : List.of(tenantA, tenantB)) {
            SealedCredentials sealed = stored(tenant, "sentinelone");
            assertThat(new String(key2Only.open(tenant, "sentinelone", sealed), StandardCharsets.UTF_8)).contains("tok-" + tenant);
            assertThatThrownBy(() -> key1Only.open(tenant, "sentinelone", sealed))
                    .isInstanceOf(UnreadableCredentials.class).hasMessageContaining("not configured");
        }
        assertThat(toKey2.rotate()).as("a second run finds nothing left to do").isZero();
        assertThat(rowLevelSecurityIsForced()).isTrue();
    }

    @Test
    void changesNothingWhenOneValueCannotBeDecrypted() {
        owner.sql("""
                INSERT INTO connector_credentials (tenant_id, connector, ciphertext, nonce, key_id)
                VALUES (?, 'smtp', decode(repeat('ab', 40), 'hex'), decode(repeat('00', 12), 'hex'), ?)
                """).params(tenantB.value(), KEY_1.id()).update();
        long underKey1 = countRowsUnder(KEY_1);

        assertThatThrownBy(toKey2::rotate)
                .isInstanceOf(UnreadableCredentials.class)
                .hasMessageContaining("smtp credentials of tenant " + tenantB);

        assertThat(countRowsUnder(KEY_1)).isEqualTo(underKey1);
        assertThat(countRowsUnder(KEY_2)).isZero();
        assertThat(rowLevelSecurityIsForced()).isTrue();
        owner.sql("DELETE FROM connector_credentials WHERE tenant_id = ? AND connector = 'smtp'").params(tenantB.value()).update();
    }

    private static CredentialRotation rotation(CredentialKey current, CredentialKey previous) {
        return new CredentialRotation(TestDatabase.ownerDataSource(), new CredentialCipher(current, List.of(previous)));
    }

    private SealedCredentials stored(TenantId tenant, String connector) {
        return owner.sql("SELECT ciphertext, nonce, key_id FROM connector_credentials WHERE tenant_id = ? AND connector = ?")
                .params(tenant.value(), connector)
                .query((rs, n) -> new SealedCredentials(rs.getBytes(1), rs.getBytes(2), rs.getInt(3))).single();
    }

    private long countRows() {
        return owner.sql("SELECT count(*) FROM connector_credentials").query(Long.class).single();
    }

    private long countRowsUnder(CredentialKey key) {
        return owner.sql("SELECT count(*) FROM connector_credentials WHERE key_id = ?").params(key.id()).query(Long.class).single();
    }

    private boolean rowLevelSecurityIsForced() {
        return owner.sql("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'connector_credentials'")
                .query(Boolean.class).single();
    }
}
