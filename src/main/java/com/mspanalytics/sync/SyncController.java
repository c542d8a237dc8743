package com.mspanalytics.sync;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/sync")
@Tag(name = "Sync", description = "Pull data from ConnectWise, SmileBack, SentinelOne and Microsoft Defender")
class SyncController {

    private final SyncService sync;
    private final SyncProperties properties;

    SyncController(SyncService sync, SyncProperties properties) {
        this.sync = sync;
        this.properties = properties;
    }

    @PostMapping("/{entity}")
    @Operation(summary = "Start an incremental sync (permission: sync)", description = """
            Entities: companies, contacts, members, boards, agreements, projects, tickets, project-tickets, ticket-history (the status \
            changes of closed tickets changed since the last run, from ConnectWise's audit trail), time-entries, \
            smileback, sentinelone, defender (alerts), defender-incidents, and all (every configured one, in \
            dependency order). While a run of the same entity is active, its run is returned instead of starting \
            another.""")
    @ApiResponse(responseCode = "202", description = "Queued or running; Location points at the run")
    @ApiResponse(responseCode = "200", description = "With wait=true: the finished run")
    @ApiResponse(responseCode = "404", description = "No such entity")
    @ApiResponse(responseCode = "409", description = "The entity's connector is not configured")
    ResponseEntity<SyncRun> start(@PathVariable String entity,
            @RequestParam(defaultValue = "false") @Parameter(description = "wait for the run to finish "
                    + "(at most msp.sync.wait-timeout, default 5 minutes)") boolean wait) {
        SyncRun run = sync.start(entity, "api");
        if (wait) {
            run = sync.await(run.runId(), properties.waitTimeout());
        }
        HttpStatus status = run.status().finished() && wait ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/sync/runs/" + run.runId())).body(run);
    }

    @GetMapping("/runs/{runId}")
    @Operation(summary = "One run with its counts and error (permission: read)")
    SyncRun run(@PathVariable UUID runId) {
        return sync.find(runId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No sync run " + runId + "."));
    }

    @GetMapping("/runs")
    @Operation(summary = "Recent runs, newest first (permission: read)")
    List<SyncRun> runs(@RequestParam(required = false) String entity,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return sync.recent(entity, limit);
    }
}
