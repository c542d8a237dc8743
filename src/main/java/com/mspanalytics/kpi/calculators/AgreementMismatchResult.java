package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * KPI 05 ({@code agreement-mismatch}): work done outside what the clients' agreements cover, split by what it means
 * for money: <em>recoverable</em> (not going to be billed: given away or left without a billing decision) and
 * <em>billed outside agreement</em> (invoiced as time and materials already; a sign the agreement may be
 * mis-scoped).
 */
@Schema(name = "AgreementMismatchBody")
public record AgreementMismatchResult(Summary summary, List<Client> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.money("recoverable", summary.totalRecoverable(), Headline.Better.LOWER);
    }

    /**
     * @param totalRecoverable recoverable hours × hourly rate: the headline
     * @param billedOutsideAgreement billed-outside hours × hourly rate: already invoiced, never recoverable
     * @param outOfScopeHours both together
     */
    @Schema(name = "AgreementMismatchSummary")
    public record Summary(BigDecimal totalRecoverable, BigDecimal recoverableHours, BigDecimal billedOutsideAgreement,
            BigDecimal billedOutsideHours, BigDecimal outOfScopeHours, int clients, int entries, BigDecimal hourlyRate,
            String currency) {
    }

    /**
     * One client, most recoverable money first.
     *
     * @param totalHours all the client's hours in the window
     * @param recoverableShare recoverable hours / total hours; null without hours
     * @param topReasons up to three reasons, most hours first
     * @param entries the out-of-scope entries, largest first
     */
    @Schema(name = "AgreementMismatchClient")
    public record Client(String client, @Nullable String clientIdentifier, long companyId, BigDecimal recoverable,
            BigDecimal recoverableHours, @Nullable BigDecimal recoverableShare, BigDecimal billedOutsideAgreement,
            BigDecimal billedOutsideHours, @Nullable BigDecimal billedOutsideShare, BigDecimal outOfScopeHours,
            BigDecimal totalHours, @Nullable BigDecimal outOfScopeShare, long entryCount, List<Reason> topReasons,
            List<Entry> entries) {
    }

    /** Hours and entries of one reason at a client. */
    @Schema(name = "AgreementMismatchReason")
    public record Reason(String reason, boolean recoverable, BigDecimal hours, long entries) {
    }

    /**
     * One time entry outside coverage.
     *
     * @param reason no-agreement, no-charge-not-covered (both recoverable), board-not-covered or
     *        work-type-not-covered (billed outside agreement)
     * @param agreement the agreement(s) that judged it, comma-separated; null without one
     */
    @Schema(name = "AgreementMismatchEntry")
    public record Entry(long id, @Nullable Long ticketId, @Nullable String tech, LocalDate date, BigDecimal hours,
            @Nullable String workType, @Nullable String billableOption, @Nullable String board,
            @Nullable String agreement, String reason, boolean recoverable) {
    }
}
