package com.mspanalytics.settings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/settings")
@Tag(name = "Settings", description = "Tenant settings (permission: admin)")
class TenantSettingsController {

    private final TenantSettingsService settings;

    TenantSettingsController(TenantSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "The tenant's effective settings (defaults filled in)")
    TenantSettings get() {
        return settings.current();
    }

    @PutMapping
    @Operation(summary = "Replace the tenant's settings; absent fields return to their defaults")
    TenantSettings put(@Valid @RequestBody TenantSettings replacement) {
        return settings.replace(replacement);
    }
}
