package com.mspanalytics.kpi;

import com.mspanalytics.settings.TenantSettings;
import java.util.Map;

/**
 * One of the twelve KPIs of docs/kpis.md. Beans of this type are discovered by their {@link #slug()}.
 * Aggregation belongs in PostgreSQL: implementations run SQL through {@link KpiContext#jdbc()} and
 * shape its rows, they do not load tickets into Java.
 */
public interface Kpi<B extends KpiBody> {

    /** e.g. "ticket-trends". */
    String slug();

    /** The window when the request names none: this many days ending at {@code asOf}, inclusive. */
    int defaultLookbackDays();

    /**
     * Every parameter the KPI accepts with its default (a Number, String or Boolean), after tenant
     * settings. A request naming another parameter is refused; values must have the default's type.
     */
    Map<String, Object> defaultParams(KpiContext.Settings settings);

    /** The dashboard's thresholds for {@link KpiBody#headline()} when the tenant set none (tenant setting kpiTargets). */
    TenantSettings.KpiTarget defaultTarget();

    /** The record of this KPI's results: what {@link #compute} returns and stored results are read back as. */
    Class<B> resultType();

    KpiOutput<B> compute(KpiContext context);
}
