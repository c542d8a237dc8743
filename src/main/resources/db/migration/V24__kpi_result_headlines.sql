-- The overview reads each KPI's last dozen headlines. Reading them out of the stored result made PostgreSQL
-- decompress every whole result (an agreement-mismatch result of a large tenant is about 2 MB): about 30 MB per
-- overview. The headline and the day a result was computed for now sit beside it, written when it is saved.
ALTER TABLE kpi_results ADD COLUMN headline jsonb;
ALTER TABLE kpi_results ADD COLUMN as_of date;
UPDATE kpi_results SET headline = result -> 'headline', as_of = CAST(result -> 'window' ->> 'asOf' AS date);
