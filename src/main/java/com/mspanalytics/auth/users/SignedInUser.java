package com.mspanalytics.auth.users;

import com.mspanalytics.auth.TenantCaller;
import com.mspanalytics.tenant.TenantId;
import java.util.UUID;

/** The user of a dashboard session: what the pages need to know of them, kept in the session. */
public record SignedInUser(TenantId tenant, UUID id, String email, String displayName, Role role)
        implements TenantCaller {

    public boolean can(Role needed) {
        return role.includes(needed);
    }
}
