package com.mspanalytics.auth.tv;

import com.mspanalytics.auth.TenantCaller;
import com.mspanalytics.tenant.TenantId;
import java.util.List;
import java.util.UUID;

/**
 * The caller of a request made with a working TV link: it may read its tenant's TV pages and nothing else. It
 * carries no role and no permission, lives for one request (never in a session), and exists only on the TV
 * pages' security chain, so it cannot reach a signed-in page, the API or any POST.
 *
 * @param pages the rotation, in order: "overview" or a KPI's slug
 */
public record TvScreen(TenantId tenant, UUID linkId, String name, List<String> pages, int rotateSeconds)
        implements TenantCaller {

    public TvScreen {
        pages = List.copyOf(pages);
    }
}
