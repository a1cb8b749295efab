package org.fourinone.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link Platform#start(PlatformOptions)} starts, on which ports, with which JVM flags.
 * Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * PlatformOptions options = PlatformOptions.builder()
 *         .randomPorts()                       // every port 0: free ports are picked
 *         .dataDir(tempDir)
 *         .components(Platform.KAFKA, Platform.MONGODB, Platform.PUBLIC_SERVICE, Platform.GATEWAY)
 *         .build();
 * }</pre>
 */
public final class PlatformOptions {

  /**
   * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms32m -Xmx128m}: fast start, small
   * heap.
   */
  public static final String DEFAULT_SERVICE_JAVA_OPTIONS =
      "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms32m -Xmx128m";

  public static final String DEFAULT_KAFKA_JAVA_OPTIONS =
      "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms64m -Xmx256m";

  /**
   * The MongoDB stand-in carries every service's reads and writes, so it gets the full JIT, G1
   * (short young pauses, no stop-the-world old collections) and room for its 64 MB page cache.
   * Measured at 20 orders/s with {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx192m} and
   * MVStore's 16 MB cache: 65 young collections of 30–43 ms and 4 full ones of ~340 ms in 40 s,
   * every one of them a stall of all four systems.
   */
  public static final String DEFAULT_MONGO_JAVA_OPTIONS =
      "-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Xss512k -Xms64m -Xmx384m";

  private final Path projectRoot;
  private final Path dataDir;
  private final boolean fresh;
  private final Set<String> components;
  private final Map<String, Integer> ports;
  private final String externalKafka;
  private final String externalMongo;
  private final String externalOidc;
  private final String serviceJavaOptions;
  private final String kafkaJavaOptions;
  private final String mongoJavaOptions;
  private final Map<String, List<String>> serviceCommands;
  private final Map<String, String> environment;
  private final Duration readinessTimeout;
  private final Duration stopTimeout;
  private final PrintStream progress;
  private final boolean createTopics;

  private PlatformOptions(Builder b) {
    this.projectRoot = b.projectRoot;
    this.dataDir = b.dataDir;
    this.fresh = b.fresh;
    this.components = Set.copyOf(new LinkedHashSet<>(b.components));
    this.ports = Map.copyOf(b.ports);
    this.externalKafka = b.externalKafka;
    this.externalMongo = b.externalMongo;
    this.externalOidc = b.externalOidc;
    this.serviceJavaOptions = b.serviceJavaOptions;
    this.kafkaJavaOptions = b.kafkaJavaOptions;
    this.mongoJavaOptions = b.mongoJavaOptions;
    this.serviceCommands = Map.copyOf(b.serviceCommands);
    this.environment = Map.copyOf(b.environment);
    this.readinessTimeout = b.readinessTimeout;
    this.stopTimeout = b.stopTimeout;
    this.progress = b.progress;
    this.createTopics = b.createTopics;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Everything on the documented ports (9000, 9092/9093, 27017, 8080–8084), data in {@code
   * <root>/.local-stack}.
   */
  public static PlatformOptions defaults() {
    return builder().build();
  }

  /** The checkout, if set or found by walking up from the working directory. */
  public Optional<Path> projectRoot() {
    return Optional.ofNullable(projectRoot).or(() -> ProjectRoot.find(Path.of("")));
  }

  /** The data directory: set explicitly, else {@code <root>/.local-stack}. */
  public Path dataDir() {
    if (dataDir != null) {
      return dataDir.toAbsolutePath().normalize();
    }
    return projectRoot()
        .map(root -> root.resolve(".local-stack"))
        .orElseThrow(
            () -> new IllegalStateException("No data dir given and no project root found"));
  }

  public boolean fresh() {
    return fresh;
  }

  /**
   * Names of the components to start; {@link Platform#KAFKA} / {@link Platform#MONGODB} are skipped
   * when external.
   */
  public Set<String> components() {
    return components;
  }

  public boolean starts(String component) {
    if (Platform.KAFKA.equals(component) && externalKafka != null) {
      return false;
    }
    if (Platform.MONGODB.equals(component) && externalMongo != null) {
      return false;
    }
    if (Platform.OIDC.equals(component) && externalOidc != null) {
      return false;
    }
    return components.contains(component);
  }

  /** The port asked for (0 = pick a free one), or the documented default. */
  public int port(String name) {
    return ports.getOrDefault(name, Platform.DEFAULT_PORTS.get(name));
  }

  public Optional<String> externalKafka() {
    return Optional.ofNullable(externalKafka);
  }

  public Optional<String> externalMongo() {
    return Optional.ofNullable(externalMongo);
  }

  /** An issuer to trust instead of starting the local OIDC provider. */
  public Optional<String> externalOidc() {
    return Optional.ofNullable(externalOidc);
  }

  public String serviceJavaOptions() {
    return serviceJavaOptions;
  }

  public String kafkaJavaOptions() {
    return kafkaJavaOptions;
  }

  public String mongoJavaOptions() {
    return mongoJavaOptions;
  }

  /**
   * Java arguments that replace {@code -jar <module>.jar} for a service (tests use a fake main
   * class).
   */
  public Optional<List<String>> serviceCommand(String service) {
    return Optional.ofNullable(serviceCommands.get(service));
  }

  /** Extra environment for every service and the gateway. */
  public Map<String, String> environment() {
    return environment;
  }

  public Duration readinessTimeout() {
    return readinessTimeout;
  }

  public Duration stopTimeout() {
    return stopTimeout;
  }

  /** Where progress lines go; empty when quiet. */
  public Optional<PrintStream> progress() {
    return Optional.ofNullable(progress);
  }

  public boolean createTopics() {
    return createTopics;
  }

  public static final class Builder {
    private Path projectRoot;
    private Path dataDir;
    private boolean fresh;
    private final Set<String> components = new LinkedHashSet<>(Platform.ALL);
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private String externalKafka;
    private String externalMongo;
    private String externalOidc;
    private String serviceJavaOptions = DEFAULT_SERVICE_JAVA_OPTIONS;
    private String kafkaJavaOptions = DEFAULT_KAFKA_JAVA_OPTIONS;
    private String mongoJavaOptions = DEFAULT_MONGO_JAVA_OPTIONS;
    private final Map<String, List<String>> serviceCommands = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration readinessTimeout = Duration.ofSeconds(180);
    private Duration stopTimeout = Duration.ofSeconds(15);
    private PrintStream progress = System.out;
    private boolean createTopics = true;

    private Builder() {}

    public Builder projectRoot(Path projectRoot) {
      this.projectRoot = projectRoot;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Wipe the data directory before starting. */
    public Builder fresh(boolean fresh) {
      this.fresh = fresh;
      return this;
    }

    /** Start only these components (see {@link Platform#ALL}); order does not matter. */
    public Builder components(String... names) {
      return components(List.of(names));
    }

    public Builder components(Collection<String> names) {
      for (String name : names) {
        if (!Platform.ALL.contains(name)) {
          throw new IllegalArgumentException(
              "Unknown component " + name + "; known: " + Platform.ALL);
        }
      }
      components.clear();
      components.addAll(names);
      return this;
    }

    /**
     * Port of a component ({@code kafka}, {@code kafka-controller}, {@code mongodb}, a service); 0
     * = a free port.
     */
    public Builder port(String name, int port) {
      if (!Platform.DEFAULT_PORTS.containsKey(name)) {
        throw new IllegalArgumentException(
            "No port named " + name + "; known: " + Platform.DEFAULT_PORTS.keySet());
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Bad port " + port);
      }
      ports.put(name, port);
      return this;
    }

    /**
     * Every port 0: free ports are picked at start and kept for {@link Platform#restart(String)}.
     */
    public Builder randomPorts() {
      Platform.DEFAULT_PORTS.keySet().forEach(name -> ports.put(name, 0));
      return this;
    }

    /** Use this Kafka instead of starting a broker. */
    public Builder externalKafka(String bootstrapServers) {
      this.externalKafka = blankToNull(bootstrapServers);
      return this;
    }

    /** Use this MongoDB instead of starting the wire-protocol server. */
    public Builder externalMongo(String uri) {
      this.externalMongo = blankToNull(uri);
      return this;
    }

    /**
     * Trust this issuer (Keycloak, a city identity platform) instead of starting the local
     * provider; its JWKS is taken to be {@code <issuer>/oauth2/jwks} unless {@code
     * env("OIDC_JWKS_URI", …)} says otherwise.
     */
    public Builder externalOidc(String issuerUri) {
      String issuer = blankToNull(issuerUri);
      this.externalOidc =
          issuer != null && issuer.endsWith("/")
              ? issuer.substring(0, issuer.length() - 1)
              : issuer;
      return this;
    }

    public Builder serviceJavaOptions(String options) {
      this.serviceJavaOptions = Objects.requireNonNull(options);
      return this;
    }

    public Builder kafkaJavaOptions(String options) {
      this.kafkaJavaOptions = Objects.requireNonNull(options);
      return this;
    }

    public Builder mongoJavaOptions(String options) {
      this.mongoJavaOptions = Objects.requireNonNull(options);
      return this;
    }

    /**
     * Launch a service with these java arguments instead of {@code -jar
     * <module>/target/<module>.jar}, e.g. {@code List.of("-cp", classpath,
     * "com.example.FakeService")}. The JVM options and the environment ({@code SERVER_PORT} etc.)
     * are the same.
     */
    public Builder serviceCommand(String service, List<String> javaArguments) {
      if (!Platform.HTTP_COMPONENTS.contains(service) && !Platform.OIDC.equals(service)) {
        throw new IllegalArgumentException(
            service
                + " is not a service; known: "
                + Platform.HTTP_COMPONENTS
                + " and "
                + Platform.OIDC);
      }
      serviceCommands.put(service, new ArrayList<>(javaArguments));
      return this;
    }

    /** An extra environment variable for every service and the gateway. */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder readinessTimeout(Duration timeout) {
      this.readinessTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long a child gets after SIGTERM before it is killed. */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Where to print progress; {@code null} for none. Default {@code System.out}. */
    public Builder progress(PrintStream out) {
      this.progress = out;
      return this;
    }

    /** Create the platform's topics once Kafka is up (default true). */
    public Builder createTopics(boolean createTopics) {
      this.createTopics = createTopics;
      return this;
    }

    public PlatformOptions build() {
      return new PlatformOptions(this);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.trim();
    }
  }
}
