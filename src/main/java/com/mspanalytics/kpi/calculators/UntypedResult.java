package com.mspanalytics.kpi.calculators;

import com.mspanalytics.kpi.KpiBody;
import java.util.List;
import java.util.Map;

/** The result of a KPI not yet given a record of its own: summary and rows as plain JSON maps. */
record UntypedResult(Map<String, Object> summary, List<Map<String, Object>> rows) implements KpiBody {
}
