-- Sync stages each page in a temporary table of its own session (COPY into pg_temp, then one upsert from it; see
-- RecordTable), so the application role needs the TEMPORARY privilege on this database. PostgreSQL grants it to
-- PUBLIC by default; a hardened database may have revoked that, so grant it to the role when it lacks it (the owner
-- running the migrations must then hold it WITH GRANT OPTION, as a database owner does; otherwise this fails here,
-- at start-up, rather than every sync later). Temporary tables are private to their session and skip the WAL; they
-- hold nothing that is not also in the transaction's own rows.
DO $$
BEGIN
    IF NOT has_database_privilege('${app_role}', current_database(), 'TEMPORARY') THEN
        EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), '${app_role}');
    END IF;
END $$;
