package com.mspanalytics.sync;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A sync of a source whose connector the tenant has not configured: 409, saying how to configure it. */
public class ConnectorNotConfigured extends ErrorResponseException {

    ConnectorNotConfigured(String connector) {
        super(HttpStatus.CONFLICT, problem(connector), null);
    }

    private static ProblemDetail problem(String connector) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, connector.equals("no connector")
                ? "No connector is configured for this tenant; configure one with PUT /settings/connectors/{name}."
                : "The " + connector + " connector is not configured for this tenant; configure it with PUT "
                        + "/settings/connectors/" + connector + ".");
        problem.setType(URI.create("urn:msp-analytics:problem:connector-not-configured"));
        problem.setTitle("Connector not configured");
        return problem;
    }
}
