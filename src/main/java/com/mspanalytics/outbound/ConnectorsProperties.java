package com.mspanalytics.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound calls to the services connectors talk to.
 *
 * @param allowPrivateAddresses whether URLs may point at loopback or private addresses (and use plain
 *        http); unset means "per run mode": allowed in embedded mode, where the simulators listen on
 *        loopback, refused in production
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for a response, and between bytes of it
 */
@ConfigurationProperties("msp.connectors")
record ConnectorsProperties(
        Boolean allowPrivateAddresses,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {
}
