package org.fourinone.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.fourinone.local.Platform;
import org.fourinone.local.PlatformOptions;
import org.fourinone.systemtests.faults.FaultProxy;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole platform for the system tests of this JVM (OrderAcrossFourSystemsIT with the browser
 * tests first, then BenchmarkSmokeIT, then FaultToleranceIT, which breaks it on purpose): separate
 * processes on random ports, data under {@code target/platform-*}, the gateway's rate limit lifted
 * (one test client polls four systems at once), and the gateway reaching volunteer-service through
 * a {@link FaultProxy} that passes everything through until a fault test tells it to misbehave.
 * Starting it once instead of once per class saves a platform's start-up (over a minute here). It
 * is stopped when the test run ends (JUnit closes it with the root store).
 *
 * <p>A class takes it as a parameter of its {@code @BeforeAll}:
 * {@code @ExtendWith(SharedPlatform.Resolver.class)}.
 */
public final class SharedPlatform implements AutoCloseable {

  /** The gateway's time limit per upstream call on this platform (GATEWAY_UPSTREAM_TIMEOUT). */
  public static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(5);

  private final Platform platform;
  private final FaultProxy volunteerProxy;

  private SharedPlatform() throws IOException {
    Files.createDirectories(Path.of("target"));
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");
    int volunteerPort = freePort();
    volunteerProxy = new FaultProxy(freePort(), volunteerPort);
    platform =
        Platform.start(
            PlatformOptions.builder()
                .randomPorts()
                .port(Platform.VOLUNTEER_SERVICE, volunteerPort)
                .dataDir(dataDir)
                .readinessTimeout(Duration.ofSeconds(150))
                .stopTimeout(Duration.ofSeconds(5))
                .env("GATEWAY_RATE_LIMIT_PER_SECOND", "100000")
                .env("GATEWAY_RATE_LIMIT_BURST", "100000")
                // production's 10 s time limit and 10 s open breaker, shortened: the fault cases
                // (a black-holed peer, kill -9 of each service) would wait them out each time
                .env("GATEWAY_UPSTREAM_TIMEOUT", UPSTREAM_TIMEOUT.toSeconds() + "s")
                .env("GATEWAY_BREAKER_OPEN_WAIT", "2s")
                .env("VOLUNTEER_SERVICE_URL", "http://127.0.0.1:" + volunteerProxy.port())
                .build());
    System.out.println(
        "platform ready in "
            + platform.startupTime().toMillis()
            + " ms at "
            + platform.gatewayUrl());
  }

  public Platform platform() {
    return platform;
  }

  /** The proxy between the gateway and volunteer-service. */
  public FaultProxy volunteerProxy() {
    return volunteerProxy;
  }

  @Override
  public void close() {
    try {
      platform.close();
      System.out.println("platform logs in " + platform.logDir());
    } finally {
      volunteerProxy.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** Gives a test class's {@code @BeforeAll} the one platform, starting it at the first ask. */
  public static final class Resolver implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == SharedPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .computeIfAbsent(
              SharedPlatform.class,
              key -> {
                try {
                  return new SharedPlatform();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              SharedPlatform.class);
    }
  }
}
