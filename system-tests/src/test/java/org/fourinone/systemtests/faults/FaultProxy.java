package org.fourinone.systemtests.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of one service, between it and the gateway, that can misbehave on demand. In
 * {@link Mode#PASS} it copies bytes both ways; otherwise, on the next bytes a caller sends (on a
 * new or a pooled connection) it resets the connection, answers garbage and closes, or swallows the
 * request and never answers.
 */
public final class FaultProxy implements AutoCloseable {

  public enum Mode {
    PASS,
    RESET,
    GARBAGE,
    BLACKHOLE
  }

  private static final byte[] GARBAGE =
      "\u0000\u00ff\u0013 certainly not HTTP \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final ServerSocket server;
  private final int upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.PASS;
  private volatile boolean closed;

  public FaultProxy(int listenPort, int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      sockets.add(client);
      Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket client) {
    Socket upstream = null;
    try {
      client.setTcpNoDelay(true);
      upstream = new Socket();
      sockets.add(upstream);
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
      upstream.setTcpNoDelay(true);
      Socket up = upstream;
      Thread back = new Thread(() -> pumpBack(up, client), "fault-proxy-back");
      back.setDaemon(true);
      back.start();
      InputStream in = client.getInputStream();
      OutputStream out = upstream.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        Mode now = mode;
        if (now == Mode.PASS) {
          out.write(buffer, 0, n);
          out.flush();
        } else if (now == Mode.RESET) {
          client.setSoLinger(true, 0);
          break;
        } else if (now == Mode.GARBAGE) {
          client.getOutputStream().write(GARBAGE);
          client.getOutputStream().flush();
          break;
        }
        // BLACKHOLE: swallow the bytes, answer nothing
      }
    } catch (IOException e) {
      // the peer went away (or the upstream refused): close both sides below
      try {
        client.setSoLinger(true, 0);
      } catch (IOException ignored) {
        // already closed
      }
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private void pumpBack(Socket upstream, Socket client) {
    try {
      InputStream in = upstream.getInputStream();
      OutputStream out = client.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // either side closed
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private void closeQuietly(Socket socket) {
    if (socket == null) {
      return;
    }
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // nothing to do
    }
    sockets.forEach(this::closeQuietly);
  }
}
