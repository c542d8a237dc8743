package com.mspanalytics.kpi.calculators;

import com.mspanalytics.settings.TenantSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * What a money figure of KPIs 01 and 06 rests on, shown next to it so that a reader can disagree with a
 * number rather than distrust it: the hourly cost of a tech, the share of the category's tickets the
 * offering or project is expected to remove, and the effort of that project, all from tenant settings.
 */
@Schema(name = "MoneyAssumptions")
public record MoneyAssumptions(BigDecimal hourlyCost, BigDecimal reduction, BigDecimal projectHours) {

    /** For a category not in {@link TenantSettings#expectedReductions()}: a cautious quarter. */
    static final BigDecimal DEFAULT_REDUCTION = new BigDecimal("0.25");
    /** For a category not in {@link TenantSettings#projectEffortHours()}: one tech-week. */
    static final BigDecimal DEFAULT_PROJECT_HOURS = new BigDecimal("40");

    /** The tenant's assumptions for an issue category, matched on category, item, subType, domain in that order. */
    static MoneyAssumptions of(TenantSettings tenant, String category, String item, String subType, String domain) {
        return new MoneyAssumptions(tenant.hourlyCost(),
                CategoryMaps.lookup(tenant.expectedReductions(), category, item, subType, domain).orElse(DEFAULT_REDUCTION),
                CategoryMaps.lookup(tenant.projectEffortHours(), category, item, subType, domain).orElse(DEFAULT_PROJECT_HOURS));
    }

    BigDecimal projectCost() {
        return projectHours.multiply(hourlyCost);
    }
}
