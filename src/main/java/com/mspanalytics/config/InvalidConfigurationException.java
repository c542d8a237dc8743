package com.mspanalytics.config;

/** Startup configuration that the service refuses to run with; the message names the variable. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
