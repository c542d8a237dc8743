-- Anomaly details in the two shapes the alerts and the digest read (kpi/AnomalyDetails): "series" (a figure against
-- its baseline, whichever KPI found it) and "sla-breach". Rows stored before carry each KPI's own field names
-- (count or currentHours, baselineStddev or stddev, poissonTail or poissonP, direction or trend); they are rewritten
-- into the series shape once, here. SLA breaches already have their shape and only gain their kind.
UPDATE anomalies
SET details = CASE
    WHEN dimension = 'sla-breach' THEN details || '{"kind": "sla-breach"}'::jsonb
    ELSE jsonb_build_object(
        'kind', 'series',
        'measure', CASE WHEN details ? 'currentHours' THEN 'hours'
                        WHEN kpi = 'soc-metrics' THEN 'events' ELSE 'tickets' END,
        'current', coalesce(details -> 'count', details -> 'currentHours'),
        'baselineMean', details -> 'baselineMean',
        'baselineStddev', coalesce(details -> 'baselineStddev', details -> 'stddev'),
        'z', details -> 'z',
        'changePct', details -> 'changePct',
        'poissonTail', coalesce(details -> 'poissonTail', details -> 'poissonP'),
        'direction', coalesce(details -> 'direction', details -> 'trend'),
        'clientName', CASE WHEN kpi = 'soc-metrics' THEN details -> 'client' ELSE details -> 'clientName' END,
        'exampleTicketIds', coalesce(details -> 'exampleTicketIds', '[]'::jsonb))
    END
WHERE NOT details ? 'kind';
