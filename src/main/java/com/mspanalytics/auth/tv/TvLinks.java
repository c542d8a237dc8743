package com.mspanalytics.auth.tv;

import com.mspanalytics.auth.LinkToken;
import com.mspanalytics.tenant.TenantContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only links for a screen: an admin creates one with a name, a lifetime and the pages it rotates through; whoever
 * opens it sees those pages of the tenant, until it expires or an admin revokes it. A dead link and one that never
 * existed look the same.
 */
@Service
public class TvLinks {

    public static final String UNUSABLE = "This screen link has expired or was revoked. Ask an admin for a new one.";

    private final TvLinkRepository links;
    private final TransactionTemplate transaction;
    TvLinks(TvLinkRepository links, TransactionTemplate transaction) {
        this.links = links;
        this.transaction = transaction;
    }

    /**
     * Creates a link for the current tenant: the one moment its token exists outside the screen.
     *
     * @param pages the rotation, in order ("overview" or KPI slugs), at least one; the caller checks the names
     * @param createdBy the id of the admin creating it
     * @throws IllegalArgumentException when the name is blank or too long
     */
    @Transactional
    public NewTvLink create(String name, Duration lifetime, List<String> pages, int rotateSeconds, UUID createdBy) {
        String shown = name == null ? "" : name.strip();
        if (shown.isEmpty() || shown.length() > 100) {
            throw new IllegalArgumentException("Give the screen a name, 1 to 100 characters.");
        }
        String token = LinkToken.generate();
        UUID id = links.insert(TenantContext.require(), shown, pages, rotateSeconds,
                LinkToken.hash(token).orElseThrow(), createdBy, lifetime);
        return new NewTvLink(id, shown, token);
    }

    /** The current tenant's links that still work. */
    @Transactional(readOnly = true)
    public List<TvLink> working() {
        return links.findWorking();
    }

    /** @return false when the current tenant has no working link with that id */
    @Transactional
    public boolean revoke(UUID id) {
        return links.revoke(id);
    }

    /**
     * The screen behind {@code token} while its link works, for any tenant; records the use (at most once a minute),
     * as the link's tenant.
     */
    public Optional<TvScreen> open(String token) {
        Optional<TvLinkRepository.OpenLink> open = LinkToken.hash(token)
                .flatMap(hash -> transaction.execute(status -> links.findOpen(hash)));
        // a screen reloads every few seconds: a write per page would be waste
        open.filter(link -> !link.usedRecently()).ifPresent(link -> TenantContext.runAs(link.screen().tenant(),
                () -> transaction.executeWithoutResult(status -> links.touch(link.screen().linkId()))));
        return open.map(TvLinkRepository.OpenLink::screen);
    }

    /** A link just created, and its token, which is not stored and cannot be shown again. */
    public record NewTvLink(UUID id, String name, String token) {

        /** The link under {@code baseUrl}, where people reach the dashboard. */
        public String link(String baseUrl) {
            return LinkToken.url(baseUrl, "/tv", token);
        }

        /** Without the token, so that logging the record never leaks the link. */
        @Override
        public String toString() {
            return "NewTvLink[id=" + id + ", name=" + name + "]";
        }
    }
}
