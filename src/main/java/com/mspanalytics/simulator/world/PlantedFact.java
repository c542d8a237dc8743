package com.mspanalytics.simulator.world;

import java.time.LocalDate;
import java.util.Map;

/**
 * One fact the world plants for a KPI, with the numbers a correct KPI must reproduce.
 *
 * @param kpi      the KPI slug (docs/kpis.md)
 * @param kind     what was planted, e.g. {@code ticket-spike}; {@code consequence} facts are flags that follow
 *                 from another plant (a KPI that raises them is right, not imprecise)
 * @param keys     which entities: {@code client} (company identifier), {@code tech} (member identifier),
 *                 {@code domain}, {@code category} (type/subType/item), {@code contact}, {@code eventId}, ...
 * @param from     first day of the KPI window the numbers hold for (inclusive)
 * @param to       last day of that window (inclusive; the world's end date, used as {@code asOf})
 * @param expected the exact numbers, computed from the generated records (hours, counts, ratios, z)
 */
public record PlantedFact(String kpi, String kind, Map<String, String> keys, LocalDate from, LocalDate to,
                          Map<String, Double> expected, String description) {}
