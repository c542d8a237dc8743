package com.mspanalytics.auth;

import com.mspanalytics.tenant.TenantId;

/** A verified caller of one tenant: an API key or token ({@link AuthenticatedTenant}), or a signed-in user. */
public interface TenantCaller {

    TenantId tenant();
}
