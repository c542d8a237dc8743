package com.mspanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mspanalytics.admin.TenantSeeder;
import com.mspanalytics.secrets.CredentialVault;
import com.mspanalytics.support.IntegrationTest;
import com.mspanalytics.support.TestDatabase;
import com.mspanalytics.support.TestSecrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The command as an operator runs it: keys from the environment, against the production database. */
@IntegrationTest
class RotateSecretsCommandIntegrationTests {

    static final String NEW_MASTER_KEY = "nW8eR5tY2uI9oP6aS3dF0gH7jK4lZ1xC";
    static final String NEW_SALT = "Lm2Nb5Vc8Xz1Qw4E";

    @Autowired
    TenantSeeder seeder;

    @Autowired
    CredentialVault vault;

    final JdbcClient owner = JdbcClient.create(TestDatabase.ownerDataSource());
    final Map<String, String> environment = new HashMap<>(TestDatabase.productionEnvironment(TestDatabase.server()));

    @AfterEach
    void clearEnvironment() {
        environment.keySet().forEach(System::clearProperty);
        System.clearProperty("SECRETS_PREVIOUS_MASTER_KEY");
        System.clearProperty("SECRETS_PREVIOUS_SALT");
    }

    @Test
    void reEncryptsUnderTheNewKeyAndBackAgain() {
        var tenant = seeder.seed("Rotation MSP");
        vault.save(tenant.tenant(), "slack", Map.of("webhookUrl", "https://hooks.slack.com/services/T1/B2/secret"));
        int keyBefore = keyIdOf(tenant.tenant().value());

        String forward = rotate(NEW_MASTER_KEY, NEW_SALT, TestSecrets.SECRETS_MASTER_KEY, TestSecrets.SECRETS_SALT);
        int keyAfter = keyIdOf(tenant.tenant().value());
        String back = rotate(TestSecrets.SECRETS_MASTER_KEY, TestSecrets.SECRETS_SALT, NEW_MASTER_KEY, NEW_SALT);

        assertThat(forward).startsWith("Re-encrypted ").doesNotContain("Re-encrypted 0 ");
        assertThat(keyAfter).isNotEqualTo(keyBefore);
        assertThat(back).startsWith("Re-encrypted ");
        assertThat(keyIdOf(tenant.tenant().value())).isEqualTo(keyBefore);
        assertThat(vault.find(tenant.tenant(), "slack")).hasValueSatisfying(
                fields -> assertThat(fields.get("webhookUrl")).endsWith("/secret"));
        assertThat(forward + back).doesNotContain(NEW_MASTER_KEY).doesNotContain("/secret");
    }

    @Test
    void takesNoOptions() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Commands.run(com.mspanalytics.MspAnalyticsApplication.class, new String[] {"rotate-secrets", "--key", "x"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("takes no options");
    }

    private String rotate(String masterKey, String salt, String previousKey, String previousSalt) {
        environment.forEach(System::setProperty);
        System.setProperty("SECRETS_MASTER_KEY", masterKey);
        System.setProperty("SECRETS_SALT", salt);
        System.setProperty("SECRETS_PREVIOUS_MASTER_KEY", previousKey);
        System.setProperty("SECRETS_PREVIOUS_SALT", previousSalt);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Commands.run(com.mspanalytics.MspAnalyticsApplication.class, new String[] {"rotate-secrets"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private int keyIdOf(java.util.UUID tenant) {
        return owner.sql("SELECT key_id FROM connector_credentials WHERE tenant_id = ? AND connector = 'slack'")
                .params(tenant).query(Integer.class).single();
    }
}
