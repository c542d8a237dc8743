package com.mspanalytics.config;

/** Startup configuration that the service refuses to run with; the message names the variable. */
public class InvalidConfigurationException extends RuntimeException {

    /** Most refusals are of weak secrets; this is what the startup report tells the operator to do about them. */
    static final String SECRET_ACTION =
            "Set the variable (see .env.example); generate a value with: openssl rand -base64 64 | tr -d '\\n='";

    private final String action;

    public InvalidConfigurationException(String message) {
        this(message, SECRET_ACTION);
    }

    /** @param action what to do about it, shown under the message in the startup failure report */
    public InvalidConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
