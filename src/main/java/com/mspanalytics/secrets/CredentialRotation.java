package com.mspanalytics.secrets;

import com.mspanalytics.tenant.TenantId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts stored credentials under the current master key: the work behind {@code rotate-secrets}.
 *
 * <p>Procedure: set {@code SECRETS_MASTER_KEY}/{@code SECRETS_SALT} to the new values and
 * {@code SECRETS_PREVIOUS_MASTER_KEY}/{@code SECRETS_PREVIOUS_SALT} to the old ones (environment, not
 * command-line options, so the keys never show in a process list), run {@link #rotate()}, then drop
 * the previous key. Until then the service keeps reading values under either key.
 */
@Component
public class CredentialRotation {

    private static final Logger log = LoggerFactory.getLogger(CredentialRotation.class);

    private final JdbcClient owner;
    private final TransactionTemplate ownerTransaction;
    private final CredentialCipher cipher;

    /**
     * Rotation must see every tenant's rows, which the application role never can; so it runs on
     * the owner's pool, in a transaction of its own (the primary transaction manager belongs to the
     * application pool).
     */
    CredentialRotation(@Qualifier("ownerDataSource") DataSource ownerDataSource, CredentialCipher cipher) {
        this.owner = JdbcClient.create(ownerDataSource);
        this.ownerTransaction = new TransactionTemplate(new JdbcTransactionManager(ownerDataSource));
        this.cipher = cipher;
    }

    /**
     * Re-encrypts every value of every tenant not yet under the current key, all in one transaction:
     * either every row moves to the new key or, if any row cannot be decrypted, none does.
     *
     * @return how many values were re-encrypted (0 when everything was already current)
     * @throws UnreadableCredentials naming the first row that no configured key opens
     */
    public int rotate() {
        int rotated = ownerTransaction.execute(status -> {
            // The owner sees every tenant's rows through the owner_maintenance policy (V2).
            List<StoredRow> stale = owner.sql("""
                    SELECT tenant_id, connector, ciphertext, nonce, key_id FROM connector_credentials
                    WHERE key_id <> :current
                    """)
                    .param("current", cipher.currentKeyId())
                    .query((rs, n) -> new StoredRow(new TenantId(rs.getObject("tenant_id", UUID.class)),
                            rs.getString("connector"),
                            new SealedCredentials(rs.getBytes("ciphertext"), rs.getBytes("nonce"), rs.getInt("key_id"))))
                    .list();
            stale.forEach(this::reseal);
            return stale.size();
        });
        log.info("Re-encrypted {} connector credential value(s) under key id {}", rotated, cipher.currentKeyId());
        return rotated;
    }

    private void reseal(StoredRow row) {
        byte[] plaintext = cipher.open(row.tenant(), row.connector(), row.sealed());
        try {
            SealedCredentials resealed = cipher.seal(row.tenant(), row.connector(), plaintext);
            owner.sql("""
                    UPDATE connector_credentials SET ciphertext = :ciphertext, nonce = :nonce, key_id = :keyId
                    WHERE tenant_id = :tenant AND connector = :connector
                    """)
                    .param("ciphertext", resealed.ciphertext())
                    .param("nonce", resealed.nonce())
                    .param("keyId", resealed.keyId())
                    .param("tenant", row.tenant().value())
                    .param("connector", row.connector())
                    .update();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private record StoredRow(TenantId tenant, String connector, SealedCredentials sealed) {
    }
}
