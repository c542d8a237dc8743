-- Indexes for the KPI queries at scale (issue 6 benchmark, bench/kpis.sh: ~1M tickets, ~3M time entries).
-- tenant_id first in every index, as everywhere (the RLS predicate is tenant_id = current_tenant_id()).

-- KPIs 03, 07, 09 (tech-*): the window's tickets by closed_date (was a full scan of cw_tickets).
CREATE INDEX cw_tickets_by_closed ON cw_tickets (tenant_id, closed_date) WHERE closed_date IS NOT NULL;

-- KPI 12 (soc-metrics): "freshest synced record" = max(last_updated) before the window's end, one index probe
-- instead of a full scan of cw_tickets.
CREATE INDEX cw_tickets_by_last_updated ON cw_tickets (tenant_id, last_updated);
CREATE INDEX security_events_by_last_updated ON security_events (tenant_id, last_updated);

-- KPIs 01, 02, 03, 07, 09, 10 join the window's tickets to their time entries by charge_to_id. Covering the
-- columns they read makes that an index-only scan (index ~1/6 of the heap) instead of a scan of all time entries.
-- Replaces V5's cw_time_entries_by_ticket (same key).
CREATE INDEX cw_time_entries_by_ticket_covering ON cw_time_entries (tenant_id, charge_to_id)
    INCLUDE (member_id, actual_hours, charge_to_type, deleted_at);
DROP INDEX cw_time_entries_by_ticket;

-- The tech KPIs' latest CSAT score per ticket: index-only instead of a scan of every review.
CREATE INDEX smileback_reviews_by_ticket_covering ON smileback_reviews (tenant_id, ticket_id)
    INCLUDE (score, rated_at, id, deleted_at);
DROP INDEX smileback_reviews_by_ticket;
