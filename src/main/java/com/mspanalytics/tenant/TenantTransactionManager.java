package com.mspanalytics.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The one place that tells PostgreSQL which tenant a transaction works for. Every row-level
 * security policy reads {@code app.tenant_id}; it is set with {@code is_local = true}, so it ends
 * with the transaction and can never leak to the next user of a pooled connection. Without a bound
 * tenant it is set to the empty string, which the policies treat as "no rows".
 *
 * <p>Queries outside a transaction never get a tenant, so they see nothing: forgetting
 * {@code @Transactional} fails closed.
 */
public class TenantTransactionManager extends JdbcTransactionManager {

    public TenantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
            statement.setString(1, TenantContext.current().map(TenantId::toString).orElse(""));
            statement.execute();
        }
    }
}
