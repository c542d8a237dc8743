package com.mspanalytics.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Before the migrations run, makes sure the application role exists with the configured password,
 * so that the migrations can grant to it. The role may log in but neither owns the tables nor
 * bypasses row-level security. Runs as the owner, inside Flyway's own connection.
 */
class ApplicationRoleProvisioner implements Callback {

    private final DatabaseProperties properties;

    ApplicationRoleProvisioner(DatabaseProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String role = properties.appUser();
        try {
            Connection connection = context.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute(format(connection,
                        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %L) "
                                + "THEN CREATE ROLE %I; END IF; END $$", role, role));
                statement.execute(format(connection,
                        "ALTER ROLE %I WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD %L",
                        role, properties.appPassword()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot provision the application role " + role
                    + " (DB_USER needs the CREATEROLE privilege)", e);
        }
    }

    /** DDL takes no bind parameters, so names and literals are quoted by PostgreSQL's own format(). */
    private static String format(Connection connection, String template, String... args) throws SQLException {
        try (PreparedStatement format = connection.prepareStatement("SELECT format(?, VARIADIC ?::text[])")) {
            format.setString(1, template);
            format.setArray(2, connection.createArrayOf("text", args));
            try (ResultSet rs = format.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "applicationRoleProvisioner";
    }
}
