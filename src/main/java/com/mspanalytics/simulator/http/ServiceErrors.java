package com.mspanalytics.simulator.http;

/** How a service says "slow down" and "I failed", in its own body shape. */
public interface ServiceErrors {

    SimResponse tooManyRequests(int retryAfterSeconds);

    SimResponse serverError();
}
