package com.mspanalytics.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api-keys")
@Tag(name = "API keys", description = "Credentials of the caller's tenant (permission: admin)")
class ApiKeyController {

    private final ApiKeyService service;

    ApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "List the tenant's API keys, newest first (never the secrets)")
    List<ApiKeyView> list() {
        return service.list();
    }

    @PostMapping
    @Operation(summary = "Create an API key; the response is the only time the key is shown")
    @ApiResponse(responseCode = "201", description = "Created")
    ResponseEntity<CreatedApiKey> create(@Valid @RequestBody CreateApiKey request) {
        ApiKeyService.IssuedApiKey issued = service.issue(request.name(), request.permissions());
        ApiKeyView key = issued.key();
        return ResponseEntity.created(URI.create("/api-keys/" + key.id())).body(new CreatedApiKey(key.id(), key.name(),
                key.permissions(), key.createdAt(), issued.secret()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key; it stops working at once, and tokens minted from it too")
    @ApiResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @ApiResponse(responseCode = "404", description = "No such key for this tenant")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        return service.revoke(id).map(k -> ResponseEntity.noContent().<Void>build())
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "No API key " + id + "."));
    }

    record CreateApiKey(@NotBlank @Size(max = 100) String name, @NotEmpty Set<Permission> permissions) {
    }

    record CreatedApiKey(UUID id, String name, Set<Permission> permissions, OffsetDateTime createdAt,
            @Schema(description = "The key. Store it now: it is never shown again.") String key) {
    }
}
