package com.mspanalytics;

import com.mspanalytics.cli.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One jar, two roles: with no arguments it serves the HTTP API; with a command name as the first
 * argument it runs that one-off command and exits (docs/api.md, Command line).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MspAnalyticsApplication {

    public static void main(String[] args) {
        if (!Commands.isCommand(args)) {
            SpringApplication.run(MspAnalyticsApplication.class, args);
            return;
        }
        int exit = Commands.run(MspAnalyticsApplication.class, args, System.out, System.err);
        if (exit >= 0) {
            System.exit(exit);
        }
    }
}
