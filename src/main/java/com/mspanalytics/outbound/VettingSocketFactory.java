package com.mspanalytics.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets that connect only to an address {@link OutboundUrlPolicy#addressesOf} vetted for the host they
 * are given, for clients that speak other protocols than HTTP (SMTP through Jakarta Mail). The lookup the policy
 * vets is the one the connection uses, so a host that answers a public address to the check and a private one
 * afterwards (DNS rebinding) gets no connection. Whatever address the caller may have resolved itself is ignored:
 * only the host name counts.
 *
 * <p>TLS is layered on top by the caller (STARTTLS, or implicit TLS) with the host name, so the certificate is
 * still checked against the name. A connection is tried to the first vetted address only (a failed
 * {@link Socket#connect} closes the socket); a refused host throws {@link OutboundUrlRejected}.
 */
public final class VettingSocketFactory extends SocketFactory {

    private final OutboundUrlPolicy policy;
    private final int connectTimeoutMillis;

    /** @param connectTimeout for connections whose caller gives no timeout of its own */
    public VettingSocketFactory(OutboundUrlPolicy policy, Duration connectTimeout) {
        this.policy = policy;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
    }

    /** An unconnected socket whose {@code connect} vets the host it is given. */
    @Override
    public Socket createSocket() {
        return new VettingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(createSocket(), host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        return connected(socket, host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return createSocket(address.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address.getHostAddress(), port, localAddress, localPort);
    }

    private Socket connected(Socket socket, String host, int port) throws IOException {
        try {
            socket.connect(InetSocketAddress.createUnresolved(host, port), connectTimeoutMillis);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private final class VettingSocket extends Socket {

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target)) {
                throw new SocketException("Unsupported address type: " + endpoint);
            }
            // The host name as the caller gave it; an address it resolved by itself is not trusted.
            InetAddress vetted = policy.addressesOf(target.getHostString()).get(0);
            super.connect(new InetSocketAddress(vetted, target.getPort()), timeout > 0 ? timeout : connectTimeoutMillis);
        }
    }
}
