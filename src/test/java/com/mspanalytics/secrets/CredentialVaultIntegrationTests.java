package com.mspanalytics.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestSecrets;
import com.mspanalytics.tenant.TenantContext;
import com.mspanalytics.tenant.TenantId;
import com.mspanalytics.tenant.TenantTransactionManager;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CredentialVaultIntegrationTests {

    static final String PRIVATE_KEY = "pRiVaTe-KeY-9f8e7d6c5b4aZZ";
    static final String WEBHOOK = "https://hooks.slack.com/services/T01/B02/wEbHoOkSeCrEt77";

    @Autowired
    CredentialVault vault;

    @Autowired
    DataSource appDataSource;

    @Autowired
    TenantTransactionManager transactionManager;

    final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
    final TenantId tenantA = new TenantId(UUID.randomUUID());
    final TenantId tenantB = new TenantId(UUID.randomUUID());

    @BeforeEach
    void twoTenants() {
        for (TenantId tenant : List.of(tenantA, tenantB)) {
            owner.sql("INSERT INTO tenants (id, name) VALUES (?, ?)").params(tenant.value(), "t-" + tenant).update();
        }
    }

    @AfterEach
    void removeTenants() {
        owner.sql("DELETE FROM tenants WHERE id IN (?, ?)").params(tenantA.value(), tenantB.value()).update();
    }

    @Test
    void savesAndReadsBackTheFields() {
        vault.save(tenantA, "connectwise", connectwise());

        assertThat(vault.find(tenantA, "connectwise")).contains(connectwise());
        assertThat(vault.find(tenantA, "slack")).isEmpty();
    }

    @Test
    void storesEqualPlaintextsAsDifferentCiphertexts() {
        vault.save(tenantA, "connectwise", connectwise());
        byte[] first = storedCiphertext(tenantA, "connectwise");
        vault.save(tenantA, "connectwise", connectwise());
        byte[] second = storedCiphertext(tenantA, "connectwise");

        assertThat(first).isNotEqualTo(second);
        assertThat(vault.find(tenantA, "connectwise")).contains(connectwise());
    }

    @Test
    void neverWritesThePlaintextToTheDatabaseOrTheLog(CapturedOutput output) {
        vault.save(tenantA, "connectwise", connectwise());
        vault.save(tenantA, "slack", Map.of("webhookUrl", WEBHOOK));
        vault.find(tenantA, "slack");

        String everyStoredByte = owner.sql("""
                SELECT string_agg(encode(ciphertext, 'hex') || encode(nonce, 'hex') || t::text, '|')
                FROM connector_credentials t WHERE tenant_id = ?
                """).params(tenantA.value()).query(String.class).single();
        for (String secret : List.of(PRIVATE_KEY, WEBHOOK)) {
            assertThat(everyStoredByte).doesNotContainIgnoringCase(HexFormat.of().formatHex(utf8(secret)))
                    .doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
        assertThat(owner.sql("SELECT key_id FROM connector_credentials WHERE tenant_id = ? AND connector = 'slack'")
                .params(tenantA.value()).query(Integer.class).single())
                .isEqualTo(CredentialKey.derive(TestSecrets.SECRETS_MASTER_KEY, TestSecrets.SECRETS_SALT).id());
    }

    @Test
    void refusesCiphertextCopiedToAnotherTenant(CapturedOutput output) {
        vault.save(tenantA, "slack", Map.of("webhookUrl", WEBHOOK));
        // The owner bypasses row-level security: this is what someone with database access could do.
        owner.sql("""
                INSERT INTO connector_credentials (tenant_id, connector, ciphertext, nonce, key_id)
                SELECT ?, connector, ciphertext, nonce, key_id FROM connector_credentials
                WHERE tenant_id = ? AND connector = 'slack'
                """).params(tenantB.value(), tenantA.value()).update();

        assertThatThrownBy(() -> vault.find(tenantB, "slack"))
                .isInstanceOf(UnreadableCredentials.class)
                .hasMessageContaining("slack credentials of tenant " + tenantB)
                .hasMessageContaining("not encrypted for this tenant")
                .hasMessageNotContaining(WEBHOOK)
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(WEBHOOK));
        assertThatThrownBy(() -> vault.masked(tenantB, "slack")).isInstanceOf(UnreadableCredentials.class);
        assertThat(vault.find(tenantA, "slack")).contains(Map.of("webhookUrl", WEBHOOK));
        assertThat(output.getAll()).doesNotContain(WEBHOOK);
    }

    @Test
    void showsSecretsMaskedToTheirLastFourCharacters() {
        vault.save(tenantA, "connectwise", connectwise());

        assertThat(vault.masked(tenantA, "connectwise")).hasValueSatisfying(masked -> assertThat(masked)
                .containsEntry("privateKey", "****4aZZ")
                .containsEntry("publicKey", "****5678")
                .containsEntry("companyId", "acme")
                .containsEntry("baseUrl", "https://api-na.myconnectwise.net/v4_6_release/apis/3.0")
                .doesNotContainValue(PRIVATE_KEY));
        assertThat(vault.masked(tenantA, "slack")).isEmpty();
    }

    @Test
    void aTenantCannotSeeAnotherTenantsCredentials() {
        vault.save(tenantB, "slack", Map.of("webhookUrl", WEBHOOK));
        JdbcClient app = JdbcClient.create(appDataSource);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        Long visibleToA = TenantContext.callAs(tenantA, () -> tx.execute(s ->
                app.sql("SELECT count(*) FROM connector_credentials").query(Long.class).single()));
        int deletedByA = TenantContext.callAs(tenantA, () -> tx.execute(s ->
                app.sql("DELETE FROM connector_credentials WHERE tenant_id = ?").params(tenantB.value()).update()));

        assertThat(visibleToA).isZero();
        assertThat(deletedByA).isZero();
        assertThat(vault.find(tenantA, "slack")).isEmpty();
        assertThat(vault.delete(tenantA, "slack")).isFalse();
        assertThat(vault.find(tenantB, "slack")).contains(Map.of("webhookUrl", WEBHOOK));
    }

    @Test
    void refusesToActForATenantOtherThanTheBoundOne() {
        vault.save(tenantB, "slack", Map.of("webhookUrl", WEBHOOK));

        assertThatThrownBy(() -> TenantContext.callAs(tenantA, () -> vault.find(tenantB, "slack")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("while acting for tenant " + tenantA);
        assertThat(TenantContext.callAs(tenantB, () -> vault.find(tenantB, "slack"))).isPresent();
    }

    @Test
    void deletesCredentials() {
        vault.save(tenantA, "slack", Map.of("webhookUrl", WEBHOOK));

        assertThat(vault.delete(tenantA, "slack")).isTrue();
        assertThat(vault.delete(tenantA, "slack")).isFalse();
        assertThat(vault.find(tenantA, "slack")).isEmpty();
    }

    @Test
    void rejectsUnknownAndMissingFieldsWithoutEchoingValues() {
        assertThatThrownBy(() -> vault.save(tenantA, "sentinelone",
                Map.of("apiToken", PRIVATE_KEY, "tenantId", "other")))
                .isInstanceOf(InvalidConnectorFields.class)
                .hasMessageContaining("tenantId unknown field")
                .hasMessageContaining("baseUrl is required")
                .hasMessageNotContaining(PRIVATE_KEY)
                .satisfies(e -> assertThat(((InvalidConnectorFields) e).problems())
                        .extracting(ConnectorFields.Problem::field).containsExactly("tenantId", "baseUrl"));
        assertThatThrownBy(() -> vault.find(tenantA, "jira"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown connector 'jira'");
        assertThat(owner.sql("SELECT count(*) FROM connector_credentials WHERE tenant_id = ?")
                .params(tenantA.value()).query(Long.class).single()).isZero();
    }

    private byte[] storedCiphertext(TenantId tenant, String connector) {
        return owner.sql("SELECT ciphertext FROM connector_credentials WHERE tenant_id = ? AND connector = ?")
                .params(tenant.value(), connector).query(byte[].class).single();
    }

    static Map<String, String> connectwise() {
        return Map.of(
                "baseUrl", "https://api-na.myconnectwise.net/v4_6_release/apis/3.0",
                "companyId", "acme",
                "publicKey", "pUbLiC-12345678",
                "privateKey", PRIVATE_KEY,
                "clientId", "0f9e8d7c-client");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
