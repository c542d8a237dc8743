package com.mspanalytics.simulator.connectwise;

/** A {@code conditions} or {@code orderBy} string ConnectWise would refuse with 400. */
final class InvalidConditions extends RuntimeException {
    InvalidConditions(String message) {
        super(message);
    }
}
