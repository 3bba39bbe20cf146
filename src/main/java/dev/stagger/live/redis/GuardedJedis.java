package dev.stagger.live.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Every connection stagger opens to a Redis, a sentinel or a cluster node: a Jedis whose socket
 * reads through {@link RespGuard}, so that a peer which is not Redis (or a hostile one) costs an
 * error naming it, never the memory its reply headers ask for.
 */
public final class GuardedJedis {
    private GuardedJedis() {
    }

    public static Jedis open(String host, int port, JedisClientConfig config) {
        HostAndPort at = new HostAndPort(host, port);
        return new Jedis(new DefaultJedisSocketFactory(at, config) {
            @Override
            public Socket createSocket() throws JedisConnectionException {
                try {
                    return new GuardedSocket(super.createSocket());
                } catch (IOException e) {
                    throw new JedisConnectionException(e);
                }
            }
        }, config);
    }

    /** The real (plain or TLS) socket, read through the guard. */
    private static final class GuardedSocket extends Socket {
        private final Socket inner;
        private final InputStream in;

        GuardedSocket(Socket inner) throws IOException {
            this.inner = inner;
            this.in = new RespGuard(inner.getInputStream());
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return inner.getOutputStream();
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            inner.connect(endpoint, timeout);
        }

        @Override
        public synchronized void close() throws IOException {
            inner.close();
        }

        @Override
        public boolean isConnected() {
            return inner.isConnected();
        }

        @Override
        public boolean isBound() {
            return inner.isBound();
        }

        @Override
        public boolean isClosed() {
            return inner.isClosed();
        }

        @Override
        public boolean isInputShutdown() {
            return inner.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            return inner.isOutputShutdown();
        }

        @Override
        public void shutdownInput() throws IOException {
            inner.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            inner.shutdownOutput();
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            inner.setSoTimeout(timeout);
        }

        @Override
        public synchronized int getSoTimeout() throws SocketException {
            return inner.getSoTimeout();
        }

        @Override
        public void setKeepAlive(boolean on) throws SocketException {
            inner.setKeepAlive(on);
        }

        @Override
        public void setTcpNoDelay(boolean on) throws SocketException {
            inner.setTcpNoDelay(on);
        }

        @Override
        public void setSoLinger(boolean on, int linger) throws SocketException {
            inner.setSoLinger(on, linger);
        }

        @Override
        public InetAddress getInetAddress() {
            return inner.getInetAddress();
        }

        @Override
        public int getPort() {
            return inner.getPort();
        }

        @Override
        public int getLocalPort() {
            return inner.getLocalPort();
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return inner.getRemoteSocketAddress();
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }
}
