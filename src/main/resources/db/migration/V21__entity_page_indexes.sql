-- Indexes for the client and tech pages at scale (bench/pages.sh: ~1M tickets, ~3M time entries). Each page reads a
-- client's or tech's 20 newest tickets and their hours per week over 12 weeks; tenant_id first, as everywhere.

-- The 20 newest tickets: in the pages' order (date_entered DESC NULLS LAST, id DESC), so the scan stops after 20
-- rows instead of sorting all of the client's (~107k) or tech's (~90k) tickets. Replaces V5's cw_tickets_by_company
-- (same leading columns: its range scans on date_entered are served alike).
CREATE INDEX cw_tickets_by_company_newest ON cw_tickets (tenant_id, company_id, date_entered DESC NULLS LAST, id DESC);
DROP INDEX cw_tickets_by_company;
CREATE INDEX cw_tickets_by_owner_newest ON cw_tickets (tenant_id, owner_member_id, date_entered DESC NULLS LAST, id DESC);

-- Hours per week: the client's or tech's entries of 12 weeks by an index-only range scan, instead of every entry of
-- the 12 weeks (~125k) read from the heap and filtered.
CREATE INDEX cw_time_entries_by_company_start ON cw_time_entries (tenant_id, company_id, time_start)
    INCLUDE (actual_hours, billable_option, deleted_at);
CREATE INDEX cw_time_entries_by_member_start ON cw_time_entries (tenant_id, member_id, time_start)
    INCLUDE (actual_hours, billable_option, deleted_at);
