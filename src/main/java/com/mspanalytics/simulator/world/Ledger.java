package com.mspanalytics.simulator.world;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The planted facts of one world, for KPI tests to check recall against. */
public record Ledger(List<PlantedFact> facts) {

    public Ledger {
        facts = List.copyOf(facts);
    }

    public List<PlantedFact> factsFor(String kpi) {
        return facts.stream().filter(f -> f.kpi().equals(kpi)).toList();
    }

    public Set<String> kpis() {
        var slugs = new TreeSet<String>();
        facts.forEach(f -> slugs.add(f.kpi()));
        return slugs;
    }
}
