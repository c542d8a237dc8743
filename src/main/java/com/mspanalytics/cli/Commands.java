package com.mspanalytics.cli;

import com.mspanalytics.simulator.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dispatches {@code java -jar msp-analytics.jar COMMAND [options]}; with no command the jar serves. */
public final class Commands {

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("seed", new SeedCommand());
        COMMANDS.put("demo", new DemoCommand());
        COMMANDS.put("rotate-secrets", new RotateSecretsCommand());
        COMMANDS.put("digest", new DigestCommand());
        COMMANDS.put("simulate", (launch, options, out, err) -> SimulateCommand.run(options, out));
    }

    private Commands() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    /** Runs {@code args[0]} with the rest as its options; {@code application} is the Spring Boot application. */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("Unknown command '" + args[0] + "'. Commands: " + String.join(", ", COMMANDS.keySet())
                    + " (or no command to serve the API).");
            return 2;
        }
        try {
            return command.run(new Launch(application), Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (IllegalArgumentException e) {
            err.println(args[0] + ": " + e.getMessage());
            return 2;
        }
    }
}
