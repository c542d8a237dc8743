package com.mspanalytics.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How a command starts the application: its configuration class comes from {@code main}, so that the commands
 * depend on the application and never the other way round.
 */
record Launch(Class<?> application) {

    SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(application);
    }

    /** The application without its web server, logging only warnings, for commands that finish. */
    ConfigurableApplicationContext quietContext() {
        return builder()
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // A one-off command must not run the scheduled jobs of a serving node.
                .properties("logging.level.root=WARN", "logging.level.com.mspanalytics=WARN",
                        "msp.sync.schedule-enabled=false", "msp.digest.schedule-enabled=false")
                .run();
    }
}
