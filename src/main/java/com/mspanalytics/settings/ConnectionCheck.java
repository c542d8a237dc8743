package com.mspanalytics.settings;

import com.mspanalytics.tenant.TenantId;
import java.util.Map;

/**
 * "Test connection" for one connector: calls its service with settings that may not be saved yet, and says what
 * it found there ("ConnectWise: 31 companies, 14 members, 6 boards"). Implemented beside each connector's client.
 * A failure is an exception whose message, like every upstream failure's, names the service and status only.
 */
public interface ConnectionCheck {

    /** The connector's name, as in {@code /settings/connectors/{name}}. */
    String connector();

    /** @return one line saying what the service holds for these settings */
    String check(TenantId tenant, Map<String, String> settings);
}
