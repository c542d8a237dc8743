package com.mspanalytics.kpi;

import java.util.List;

/**
 * What one KPI computed: its headline figures and its rows, most actionable first. Each KPI declares its own
 * record (e.g. {@code TicketTrendsResult}), which is what the API publishes, the database stores and the digest,
 * alerts and LLM prompts read.
 */
public interface KpiBody {

    Object summary();

    List<?> rows();

    /** The figure the KPI is judged by at a glance, from the summary. */
    Headline headline();
}
