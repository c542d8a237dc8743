package com.mspanalytics.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** DNS as the URL policy sees it; {@code InetAddress::getAllByName} in the service, a table in tests. */
@FunctionalInterface
interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}
