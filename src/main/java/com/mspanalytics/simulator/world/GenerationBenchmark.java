package com.mspanalytics.simulator.world;

import java.time.LocalDate;

/**
 * Measures streaming generation: {@code java -cp target/classes:$(cat cp.txt)
 * com.mspanalytics.simulator.world.GenerationBenchmark [size] [seed]} (cp.txt from {@code dependency:build-classpath}).
 */
public final class GenerationBenchmark {

    public record Result(WorldSize size, long tickets, long timeEntries, double seconds) {
        @Override
        public String toString() {
            return String.format("%s world: %,d tickets, %,d time entries in %.1f s: %,.0f tickets/s, %,.0f time entries/s",
                    size, tickets, timeEntries, seconds, tickets / seconds, timeEntries / seconds);
        }
    }

    private GenerationBenchmark() {}

    public static Result measure(WorldSpec spec) {
        var world = MspWorld.generate(spec);
        long start = System.nanoTime();
        long[] counts = new long[2];
        world.bundles().forEach(b -> {
            counts[0]++;
            counts[1] += b.timeEntries().size();
        });
        return new Result(spec.size(), counts[0], counts[1], (System.nanoTime() - start) / 1e9);
    }

    public static void main(String[] args) {
        var size = args.length > 0 ? WorldSize.parse(args[0]) : WorldSize.LARGE;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
        System.out.println(measure(new WorldSpec(seed, size, LocalDate.of(2026, 11, 27))));
    }
}
