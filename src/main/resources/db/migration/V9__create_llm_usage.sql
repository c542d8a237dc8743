-- Claude calls of POST /llm/summarize (and of features that summarise through LlmSummaries): the tokens each
-- used and what they cost, per tenant, for the monthly token budget and for the bill.
--
-- A row is inserted as 'reserved' (tokens = an upper estimate) before the request leaves, under a per-tenant
-- advisory lock, so that two concurrent calls cannot both pass a budget the first one exhausts; it becomes
-- 'recorded' with the real usage when Claude answers, and is deleted when the call fails.

CREATE TABLE llm_usage (
    tenant_id     uuid          NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid          NOT NULL,
    created_at    timestamptz   NOT NULL,
    status        text          NOT NULL CHECK (status IN ('reserved', 'recorded')),
    model         text          NOT NULL,
    kpi           text          NOT NULL,
    result_id     uuid          NOT NULL,
    input_tokens  bigint        NOT NULL CHECK (input_tokens >= 0),
    output_tokens bigint        NOT NULL CHECK (output_tokens >= 0),
    cost_estimate numeric(14,6) NOT NULL,   -- in the currency of msp.llm.prices (US dollars, as Anthropic bills)
    request_id    text,                     -- Anthropic's request-id header, for support; null while reserved
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX llm_usage_by_time ON llm_usage (tenant_id, created_at);

ALTER TABLE llm_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE llm_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON llm_usage USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
