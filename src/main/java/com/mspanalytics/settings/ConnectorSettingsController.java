package com.mspanalytics.settings;

import com.mspanalytics.secrets.ConnectorFields;
import com.mspanalytics.web.FieldError;
import com.mspanalytics.web.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-tenant credentials of each connector (docs/api.md, Connector settings), encrypted at rest and
 * masked on the way out. Addresses are vetted by the outbound URL policy before they are stored.
 */
@RestController
@RequestMapping("/settings/connectors/{name}")
@Tag(name = "Settings")
class ConnectorSettingsController {

    private static final String NAMES = Arrays.stream(ConnectorFields.values()).map(ConnectorFields::connectorName)
            .collect(Collectors.joining(", "));

    private final ConnectorSettings settings;

    ConnectorSettingsController(ConnectorSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "A connector's settings, secrets masked (\"****abcd\")")
    @ApiResponse(responseCode = "200", description = "The settings, each secret masked")
    @ApiResponse(responseCode = "404", description = "Unknown connector, or none configured")
    Map<String, String> get(@PathVariable @Parameter(description = "connectwise, smileback, sentinelone, defender, "
            + "anthropic, slack or smtp") String name) {
        ConnectorFields connector = connector(name);
        return settings.masked(connector).orElseThrow(() -> notConfigured(connector));
    }

    @PutMapping
    @Operation(summary = "Replace a connector's settings (all values strings; unknown fields are refused)",
            description = "Values are strings, but each field holds one kind of value and a document with a value "
                    + "that is not of its kind is refused whole: smtp `port` a whole number from 1 to 65535, "
                    + "`startTls` true or false, `from` one e-mail address, `to` e-mail addresses separated by "
                    + "commas; anthropic `monthlyTokenBudget` a whole number, 0 or more; every `baseUrl`, "
                    + "`tokenUrl` and `webhookUrl` a URL the outbound URL policy allows. A blank optional field "
                    + "counts as not given.")
    @ApiResponse(responseCode = "200", description = "The settings as stored, each secret masked")
    @ApiResponse(responseCode = "400", description = "Unknown, missing or invalid fields, or a refused address; "
            + "`errors` names each field and why, never echoing a value. Nothing is saved.")
    Map<String, String> put(@PathVariable String name,
            @RequestBody @Schema(description = "Fields per connector as in the API guide") Map<String, String> fields) {
        ConnectorFields connector = connector(name);
        List<FieldError> errors = settings.save(connector, fields).stream()
                .map(p -> new FieldError(p.field(), p.message())).toList();
        if (!errors.isEmpty()) {
            throw invalid(connector, errors);
        }
        return connector.mask(fields);
    }

    @DeleteMapping
    @Operation(summary = "Forget a connector's settings")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable String name) {
        ConnectorFields connector = connector(name);
        if (!settings.delete(connector)) {
            throw notConfigured(connector);
        }
        return ResponseEntity.noContent().build();
    }

    private static ConnectorFields connector(String name) {
        return ConnectorFields.named(name).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "Unknown connector '" + name + "'. Connectors: " + NAMES + "."), null));
    }

    private static ErrorResponseException notConfigured(ConnectorFields connector) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No " + connector.connectorName() + " settings are stored for this tenant."), null);
    }

    private static ErrorResponseException invalid(ConnectorFields connector, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid "
                + connector.connectorName() + " settings: " + errors.stream().map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; ")) + ".");
        problem.setType(ProblemTypes.VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
