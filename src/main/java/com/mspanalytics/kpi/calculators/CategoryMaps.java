package com.mspanalytics.kpi.calculators;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tenant maps keyed by issue category (offerings, project effort): an entry may name the whole
 * category or just its item, subType or domain, and the most specific match wins.
 */
final class CategoryMaps {

    private CategoryMaps() {
    }

    /** The value of the first candidate the map names, case-insensitively; pass the most specific first. */
    static <T> Optional<T> lookup(Map<String, T> map, String... candidates) {
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            for (Map.Entry<String, T> entry : map.entrySet()) {
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(candidate.toLowerCase(Locale.ROOT))) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
