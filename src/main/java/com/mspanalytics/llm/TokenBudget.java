package com.mspanalytics.llm;

import com.mspanalytics.kpi.KpiResult;
import com.mspanalytics.settings.TenantSettingsService;
import com.mspanalytics.tenant.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's monthly token budget (calendar month in its time zone), checked before a request leaves. The check
 * and a reservation of the call's estimated tokens happen in one short transaction under a per-tenant advisory
 * lock; the reservation becomes the real usage when Claude answers and disappears when the call fails. So two
 * concurrent calls cannot both pass when the first would exhaust the budget, and no transaction stays open while
 * Claude writes. A reservation orphaned by a crash mid-call keeps counting until the month ends (a few thousand
 * tokens at most), which errs on the side of the budget.
 */
@Component
class TokenBudget {

    private final LlmUsageRepository usage;
    private final TenantSettingsService settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TokenBudget(LlmUsageRepository usage, TenantSettingsService settings, TransactionTemplate transaction, Clock clock) {
        this.usage = usage;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * @return the reservation, to {@link #record} or {@link #release}
     * @throws LlmUnavailable when the tokens used this month (reservations included) reach {@code monthlyBudget}
     */
    UUID reserve(TenantId tenant, long monthlyBudget, String model, KpiResult result, long estimatedTokens) {
        return transaction.execute(status -> {
            ZoneId zone = ZoneId.of(settings.current().timeZone());
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
            ZonedDateTime monthStart = now.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
            usage.lockBudget(tenant);
            long used = usage.tokensSince(monthStart.toInstant());
            if (used >= monthlyBudget) {
                long untilNextMonth = Duration.between(now, monthStart.plusMonths(1)).toSeconds();
                throw LlmUnavailable.budgetSpent(used, monthlyBudget, Math.max(1, untilNextMonth));
            }
            UUID reservation = UUID.randomUUID();
            usage.reserve(tenant, reservation, now.toInstant(), model, result.kpi(), result.id(), estimatedTokens);
            return reservation;
        });
    }

    void record(UUID reservation, Claude.Reply reply, BigDecimal cost) {
        transaction.executeWithoutResult(status -> usage.record(reservation, reply.model(), reply.inputTokens(),
                reply.outputTokens(), cost, reply.requestId()));
    }

    void release(UUID reservation) {
        transaction.executeWithoutResult(status -> usage.release(reservation));
    }
}
