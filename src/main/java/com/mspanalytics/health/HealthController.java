package com.mspanalytics.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Health")
class HealthController {

    private final List<ComponentCheck> checks;
    private final String version;

    HealthController(List<ComponentCheck> checks, ObjectProvider<BuildProperties> build) {
        this.checks = checks;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    @GetMapping("/health")
    @Operation(summary = "Service health; needs no credential",
            description = "UP with 200 when every critical dependency answers; 503 with the same body otherwise.")
    @ApiResponse(responseCode = "200", description = "Serving")
    @ApiResponse(responseCode = "503", description = "A critical dependency (the database) is down",
            content = @Content(schema = @Schema(implementation = HealthReport.class)))
    ResponseEntity<HealthReport> health() {
        Map<String, String> states = new LinkedHashMap<>();
        boolean up = true;
        for (ComponentCheck check : checks) {
            String status = check.status();
            states.put(check.name(), status);
            up &= !(check.critical() && "DOWN".equals(status));
        }
        HealthReport report = new HealthReport(up ? "UP" : "DOWN", version, states);
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
    }

    record HealthReport(String status, String version, Map<String, String> checks) {
    }
}
