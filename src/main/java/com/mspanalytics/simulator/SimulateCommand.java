package com.mspanalytics.simulator;

import com.mspanalytics.simulator.http.SimResponse;
import com.mspanalytics.simulator.world.WorldSize;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code simulate [--port N] [--seed S] [--size tiny|small|large] [--end-date YYYY-MM-DD]}: serves every simulator
 * until the process is stopped. The first line printed is the connector settings JSON (docs/api.md "Command line").
 * {@code --port} is the first of six consecutive ports; without it the ports are ephemeral. The end date defaults
 * to today (UTC), read here and handed to the generator, which never reads the clock itself.
 */
public final class SimulateCommand {

    private SimulateCommand() {}

    public static int run(String[] args, PrintStream out) {
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            return 2;
        }
        var simulators = Simulators.start(options);
        var stopped = new CountDownLatch(1);
        var hook = new Thread(() -> {
            simulators.close();
            stopped.countDown();
        }, "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(SimResponse.JSON.writeValueAsString(simulators.connectorSettings()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped in process (tests, an embedding command): close now rather than at JVM exit
            Runtime.getRuntime().removeShutdownHook(hook);
            simulators.close();
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static SimulatorOptions parse(String[] args) {
        long seed = 42;
        int port = 0;
        WorldSize size = WorldSize.SMALL;
        LocalDate end = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + option + " needs a value");
            String value = args[++i];
            switch (option) {
                case "--port" -> port = number(option, value, 1, 65_530);
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed must be a whole number, got '" + value + "'");
                    }
                }
                case "--size" -> {
                    try {
                        size = WorldSize.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--size must be tiny, small or large, got '" + value + "'");
                    }
                }
                case "--end-date" -> {
                    try {
                        end = LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--end-date must be YYYY-MM-DD, got '" + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (expected --port, --seed, --size, --end-date)");
            }
        }
        return SimulatorOptions.of(seed, size, end).withBasePort(port);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max + ", got '" + value + "'");
        }
    }
}
