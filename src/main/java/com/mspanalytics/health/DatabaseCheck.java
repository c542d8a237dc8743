package com.mspanalytics.health;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Asks the database a trivial question through the application's own pool. */
@Component
class DatabaseCheck implements ComponentCheck {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCheck.class);

    private final DataSource dataSource;

    DatabaseCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public String status() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("SELECT 1");
            return "UP";
        } catch (Exception e) {
            log.warn("Database check failed: {}", e.getMessage());
            return "DOWN";
        }
    }

    @Override
    public boolean critical() {
        return true;
    }
}
