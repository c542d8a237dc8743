-- Planner statistics right after a large sync. The first sync of a tenant writes tens of thousands of rows in a
-- minute; autovacuum analyzes them only on its next round, and a KPI computed in between is planned on the empty
-- tables' statistics (a nested loop over 90,000 rows took minutes instead of a second). The application role does
-- not own the tables, so it cannot ANALYZE them itself: this function, owned by the migration user, can, and
-- only the tables that hold tenant data.
CREATE FUNCTION analyze_tenant_tables() RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = public, pg_temp
AS $$
DECLARE
    t record;
    analyzed integer := 0;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p')
        ORDER BY c.relname
    LOOP
        EXECUTE format('ANALYZE %I', t.relname);
        analyzed := analyzed + 1;
    END LOOP;
    RETURN analyzed;
END;
$$;
REVOKE ALL ON FUNCTION analyze_tenant_tables() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analyze_tenant_tables() TO ${app_role};
