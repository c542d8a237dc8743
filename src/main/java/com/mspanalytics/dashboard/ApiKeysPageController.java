package com.mspanalytics.dashboard;

import com.mspanalytics.auth.ApiKeyService;
import com.mspanalytics.auth.ApiKeyView;
import com.mspanalytics.auth.Permission;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The tenant's API keys, for admins: the same keys as {@code /auth/api-keys}. A new key's secret is shown once, on
 * the page that created it; the list shows only each key's prefix.
 */
@Controller
class ApiKeysPageController {

    private final ApiKeyService keys;

    ApiKeysPageController(ApiKeyService keys) {
        this.keys = keys;
    }

    /** @param secret the key just created, shown once; null otherwise */
    public record ApiKeysPage(List<Key> keys, List<String> permissions, @Nullable String createdName,
            @Nullable String secret, @Nullable String flash, @Nullable String problem) {
    }

    public record Key(String id, String name, String prefix, String permissions, String created, String lastUsed,
            boolean active) {
    }

    @GetMapping("/app/settings/api-keys")
    String list(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("page", page(null, null, done, null));
        return "dashboard/api-keys";
    }

    @PostMapping("/app/settings/api-keys")
    String create(@RequestParam(defaultValue = "") String name,
            @RequestParam(name = "permission", required = false) List<String> permissions, Model model) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > 100) {
            model.addAttribute("page", page(null, null, null, "Name the key (1 to 100 characters): who or what uses it."));
            return "dashboard/api-keys";
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        try {
            (permissions == null ? List.<String>of() : permissions).forEach(p -> granted.add(Permission.fromWire(p)));
        } catch (IllegalArgumentException e) {
            model.addAttribute("page", page(null, null, null, e.getMessage() + "."));
            return "dashboard/api-keys";
        }
        if (granted.isEmpty()) {
            model.addAttribute("page", page(null, null, null, "Give the key at least one permission."));
            return "dashboard/api-keys";
        }
        ApiKeyService.IssuedApiKey issued = keys.issue(label, granted);
        model.addAttribute("page", page(issued.key().name(), issued.secret(), null, null));
        return "dashboard/api-keys";
    }

    /** Another tenant's key is a 404, like one that does not exist (row-level security hides it). */
    @PostMapping("/app/settings/api-keys/{id:[0-9a-fA-F-]{36}}/revoke")
    String revoke(@PathVariable UUID id) {
        ApiKeyView revoked = keys.revoke(id).orElseThrow(() -> PageControllers.notFound("No such key"));
        return "redirect:/app/settings/api-keys?done=" + java.net.URLEncoder.encode("Revoked " + revoked.name(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private ApiKeysPage page(@Nullable String createdName, @Nullable String secret, @Nullable String flash,
            @Nullable String problem) {
        List<Key> listed = keys.list().stream().map(k -> new Key(k.id().toString(), k.name(), k.displayPrefix() + "…",
                k.permissions().stream().map(Permission::wireName).sorted().collect(Collectors.joining(", ")),
                day(k.createdAt()), k.lastUsedAt() == null ? "never" : day(k.lastUsedAt()), k.revokedAt() == null))
                .toList();
        return new ApiKeysPage(listed, Permission.ALL.stream().map(Permission::wireName).toList(), createdName, secret,
                flash, problem);
    }

    private static String day(OffsetDateTime at) {
        return at.toLocalDate().toString();
    }
}
