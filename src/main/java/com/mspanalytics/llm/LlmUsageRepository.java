package com.mspanalytics.llm;

import com.mspanalytics.tenant.TenantId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code llm_usage} of the current tenant (RLS); callers hold the transaction. */
@Repository
class LlmUsageRepository {

    private final JdbcClient jdbc;

    LlmUsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises budget checks of one tenant until the transaction ends. Reservations are committed rows, so the
     * next holder's count (a new statement, hence a new snapshot under READ COMMITTED) sees them.
     */
    void lockBudget(TenantId tenant) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('llm_usage:' || :tenant, 0))")
                .param("tenant", tenant.toString()).query().listOfRows();
    }

    /** Input plus output tokens since {@code since}, reservations included. */
    long tokensSince(Instant since) {
        return jdbc.sql("SELECT coalesce(sum(input_tokens + output_tokens), 0) FROM llm_usage WHERE created_at >= :since")
                .param("since", Timestamp.from(since)).query(Long.class).single();
    }

    void reserve(TenantId tenant, UUID id, Instant at, String model, String kpi, UUID resultId, long tokens) {
        jdbc.sql("""
                INSERT INTO llm_usage (tenant_id, id, created_at, status, model, kpi, result_id, input_tokens,
                    output_tokens, cost_estimate)
                VALUES (:tenant, :id, :at, 'reserved', :model, :kpi, :result, :tokens, 0, 0)
                """)
                .param("tenant", tenant.value()).param("id", id).param("at", Timestamp.from(at)).param("model", model)
                .param("kpi", kpi).param("result", resultId).param("tokens", tokens)
                .update();
    }

    void record(UUID id, String model, long inputTokens, long outputTokens, BigDecimal cost, String requestId) {
        jdbc.sql("""
                UPDATE llm_usage SET status = 'recorded', model = :model, input_tokens = :input,
                    output_tokens = :output, cost_estimate = :cost, request_id = :requestId
                WHERE id = :id
                """)
                .param("id", id).param("model", model).param("input", inputTokens).param("output", outputTokens)
                .param("cost", cost).param("requestId", requestId)
                .update();
    }

    void release(UUID id) {
        jdbc.sql("DELETE FROM llm_usage WHERE id = :id AND status = 'reserved'").param("id", id).update();
    }
}
