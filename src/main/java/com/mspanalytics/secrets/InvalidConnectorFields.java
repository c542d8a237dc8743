package com.mspanalytics.secrets;

import java.util.List;
import java.util.stream.Collectors;

/** A settings document with unknown, missing or malformed fields; each problem names a field, never a value. */
public class InvalidConnectorFields extends RuntimeException {

    private final transient List<ConnectorFields.Problem> problems;

    InvalidConnectorFields(ConnectorFields connector, List<ConnectorFields.Problem> problems) {
        super("Invalid " + connector.connectorName() + " settings: " + problems.stream()
                .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConnectorFields.Problem> problems() {
        return problems;
    }
}
