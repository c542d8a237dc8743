-- SmileBack CSAT reviews (KPI 07) and security events from SentinelOne and Microsoft Defender in one
-- normalised shape (KPI 12). Like V5: the columns the KPIs read plus the source record itself (raw), so a
-- new KPI can be back-filled without a re-sync; tenant_id first in every key; forced RLS.

-- One SmileBack review (external-apis.md 2.5). comment is not a column (raw keeps it): no KPI reads it and
-- it is the most personal field.
--   ticket_id     ticket.id, which SmileBack sends as a string: the ConnectWise ticket the review is about
--   agents        ticket.agents as SmileBack gives them (PSA member names such as "AshK"); resolving them to a
--                 ConnectWise member is the KPI's job (the ticket's owner is usually the better key)
--   score         rating as sent: 1, 0, -1, or NULL when the contact has not rated (yet)
--   rating        score normalised: 1 positive, 0 neutral, -1 negative, NULL unrated
--   created_at    SmileBack exposes no creation time; a survey goes out when its ticket closes, so this is
--                 ticket.closed_on
--   deleted_at    set when SmileBack reports status "deleted" (its tombstone); cleared if it comes back
CREATE TABLE smileback_reviews (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               bigint      NOT NULL,
    ticket_id        bigint,
    agents           text[]      NOT NULL DEFAULT '{}',
    company_id       text,
    company_name     text,
    contact_id       text,
    score            smallint    CHECK (score IN (-1, 0, 1)),
    rating           text        CHECK (rating IN ('positive', 'neutral', 'negative')),
    status           text,
    created_at       timestamptz,
    rated_at         timestamptz,
    last_updated     timestamptz NOT NULL,
    deleted_at       timestamptz,
    synced_at        timestamptz NOT NULL DEFAULT now(),
    raw              jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX smileback_reviews_by_created ON smileback_reviews (tenant_id, created_at);
CREATE INDEX smileback_reviews_by_ticket ON smileback_reviews (tenant_id, ticket_id);

-- One security event (kpis.md KPI 12): a SentinelOne threat or a Defender alert (Graph alerts_v2).
--   client_key     the source's own client identifier: S1 agentRealtimeInfo.siteId, Defender alert tenantId;
--                  client_name is S1's siteName (Defender alerts carry no name). Mapping to a ConnectWise
--                  company is the KPI's job.
--   severity       S1 threats have no severity: classification Ransomware -> critical, confidenceLevel
--                  malicious -> high, suspicious -> medium, anything else -> low.
--                  Defender: high/medium/low/informational as is; unknown -> informational.
--   status         S1 incidentStatus unresolved -> new, in_progress -> in_progress, resolved -> resolved.
--                  Defender status new -> new, inProgress -> in_progress, resolved -> resolved, unknown -> new.
--   classification S1 analystVerdict true_positive / false_positive as is; mitigationStatus marked_as_benign
--                  -> benign; undefined, suspicious -> undetermined.
--                  Defender truePositive -> true_positive, falsePositive -> false_positive,
--                  informationalExpectedActivity -> benign, unknown -> undetermined.
--   acknowledged_at the first move out of "new". Neither API has an acknowledgement timestamp, so while the
--                  event is out of "new": S1 the earliest mitigationStatus[].mitigationStartedAt, else
--                  threatInfo.updatedAt; Defender the earliest comments[].createdDateTime, else
--                  resolvedDateTime, else lastUpdateDateTime. It never moves later once stored (the earliest
--                  value seen wins), so a fallback is an upper bound no coarser than the sync interval.
--   resolved_at    S1 latest mitigationStatus[].mitigationEndedAt, else threatInfo.updatedAt, while resolved;
--                  Defender resolvedDateTime (else lastUpdateDateTime) while resolved. NULL when reopened.
-- Neither source has tombstones, so there is no deleted_at.
CREATE TABLE security_events (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    source           text        NOT NULL CHECK (source IN ('sentinelone', 'defender')),
    external_id      text        NOT NULL,
    client_key       text,
    client_name      text,
    severity         text        NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'informational')),
    status           text        NOT NULL CHECK (status IN ('new', 'in_progress', 'resolved')),
    classification   text        NOT NULL CHECK (classification IN ('true_positive', 'false_positive', 'benign',
                                                                     'undetermined')),
    title            text,
    created_at       timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    resolved_at      timestamptz,
    last_updated     timestamptz NOT NULL,
    raw              jsonb       NOT NULL,
    synced_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, source, external_id)
);
-- The 30-day window of KPI 12 (counts, MTTA, MTTR by created_at) and its open backlog by age.
CREATE INDEX security_events_by_created ON security_events (tenant_id, created_at);
CREATE INDEX security_events_open ON security_events (tenant_id, created_at) WHERE resolved_at IS NULL;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['smileback_reviews', 'security_events'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) '
                       'WITH CHECK (tenant_id = current_tenant_id())', t);
    END LOOP;
END $$;
