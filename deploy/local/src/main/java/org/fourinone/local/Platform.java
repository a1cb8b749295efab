package org.fourinone.local;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The whole platform on this machine, each piece its own OS process: the local OIDC provider, a
 * KRaft Kafka broker, a MongoDB wire-protocol server on an H2 file, the four services and the
 * gateway.
 *
 * <pre>{@code
 * try (Platform platform = Platform.start(PlatformOptions.builder().randomPorts().dataDir(dir).build())) {
 *     String gateway = platform.gatewayUrl();
 *     platform.kill(Platform.SANSHE_SERVICE);     // kill -9
 *     platform.restart(Platform.SANSHE_SERVICE);  // same port, waits until ready
 * }
 * }</pre>
 *
 * <p>Start order: the OIDC provider, Kafka and MongoDB together, then the platform topics, then the
 * four services together, then the gateway. {@link #close()} stops them in reverse order (SIGTERM,
 * then SIGKILL after {@link PlatformOptions#stopTimeout()}).
 */
public final class Platform implements AutoCloseable {

  public static final String OIDC = "oidc";
  public static final String KAFKA = "kafka";
  public static final String KAFKA_CONTROLLER = "kafka-controller";
  public static final String MONGODB = "mongodb";
  public static final String PARTY_BUILDING_SERVICE = "party-building-service";
  public static final String PUBLIC_SERVICE = "public-service";
  public static final String SANSHE_SERVICE = "sanshe-service";
  public static final String VOLUNTEER_SERVICE = "volunteer-service";
  public static final String GATEWAY = "gateway";

  /** The four services, in the order of their ports. */
  public static final List<String> SERVICES =
      List.of(PARTY_BUILDING_SERVICE, PUBLIC_SERVICE, SANSHE_SERVICE, VOLUNTEER_SERVICE);

  /** Services and gateway: the components started with {@code java -jar}. */
  public static final List<String> HTTP_COMPONENTS =
      Stream.concat(SERVICES.stream(), Stream.of(GATEWAY)).toList();

  /** Every component, in start order. */
  public static final List<String> ALL =
      Stream.concat(Stream.of(OIDC, KAFKA, MONGODB), HTTP_COMPONENTS.stream()).toList();

  static final Map<String, Integer> DEFAULT_PORTS;

  static {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put(OIDC, 9000);
    ports.put(KAFKA, 9092);
    ports.put(KAFKA_CONTROLLER, 9093);
    ports.put(MONGODB, 27017);
    ports.put(PARTY_BUILDING_SERVICE, 8081);
    ports.put(PUBLIC_SERVICE, 8082);
    ports.put(SANSHE_SERVICE, 8083);
    ports.put(VOLUNTEER_SERVICE, 8084);
    ports.put(GATEWAY, 8080);
    DEFAULT_PORTS = Collections.unmodifiableMap(ports);
  }

  /** How long an organisation has to accept a dispatched order in the local stack. */
  static final String SANSHE_ACCEPT_WITHIN = "2m";

  /** How long an invited volunteer has to answer in the local stack. */
  static final String VOLUNTEER_INVITE_WITHIN = "2m";

  /**
   * Approved hours for 一星 … 五星 in the local stack (the district's default: 100,300,600,1000,1500).
   */
  static final String VOLUNTEER_STAR_HOURS = "2,300,600,1000,1500";

  /** Gateway environment variable naming each service's URL. */
  static final Map<String, String> UPSTREAM_VARIABLES =
      Map.of(
          PARTY_BUILDING_SERVICE, "PARTY_SERVICE_URL",
          PUBLIC_SERVICE, "PUBLIC_SERVICE_URL",
          SANSHE_SERVICE, "SANSHE_SERVICE_URL",
          VOLUNTEER_SERVICE, "VOLUNTEER_SERVICE_URL");

  private final PlatformOptions options;
  private final Path root;
  private final Path dataDir;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
  private final Map<String, Duration> readyTimes = new LinkedHashMap<>();

  /** The MongoDB stand-in's file under {@code <dataDir>/mongodb}; documents stored as BSON. */
  static final String STORE_FILE = "fourinone-bson.mv";

  /** The file of the format before (documents Java-serialized): no longer read. */
  static final String OLD_STORE_FILE = "fourinone.mv";

  private final Progress progress;
  private final String kafkaBootstrap;
  private final String mongoUri;
  private final String oidcUrl;
  private final Thread shutdownHook = new Thread(this::close, "local-stack-shutdown");
  private final Map<String, Path> archivesToWrite = new LinkedHashMap<>();
  private Duration startupTime = Duration.ZERO;
  private boolean closed;

  private Platform(PlatformOptions options) {
    this.options = options;
    this.root = options.projectRoot().orElse(null);
    this.dataDir = options.dataDir();
    DEFAULT_PORTS
        .keySet()
        .forEach(
            name -> {
              int asked = options.port(name);
              ports.put(name, asked == 0 ? Ports.freePort() : asked);
            });
    this.kafkaBootstrap = options.externalKafka().orElse("localhost:" + ports.get(KAFKA));
    this.mongoUri = options.externalMongo().orElse("mongodb://localhost:" + ports.get(MONGODB));
    this.oidcUrl = options.externalOidc().orElse("http://localhost:" + ports.get(OIDC));
    long count = ALL.stream().filter(options::starts).count();
    this.progress = new Progress(options.progress().orElse(null), (int) count);
  }

  /**
   * Starts the components the options name and returns once every one is ready.
   *
   * @throws PlatformException when one dies or is not ready in time; whatever had started is
   *     stopped
   */
  public static Platform start(PlatformOptions options) {
    Platform platform = new Platform(options);
    Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
    try {
      platform.startAll();
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void startAll() {
    long started = System.nanoTime();
    prepareDataDir();
    // a new build's Spring Boot jars are exploded for class-data sharing while the broker starts
    CompletableFuture<Void> exploded = ClassDataSharing.explodeInBackground(bootJars(), progress);
    List<ManagedProcess> infrastructure = new ArrayList<>();
    if (options.starts(KAFKA)) {
      infrastructure.add(kafkaProcess());
    }
    if (options.starts(MONGODB)) {
      infrastructure.add(mongoProcess());
    }
    launch(infrastructure);
    // the identity provider with them, awaited only with the services: they and the gateway ask it
    // for its signing keys when the first token comes, not as they start, so they start as soon as
    // the broker and the store are ready
    CompletableFuture<Void> oidcReady = CompletableFuture.completedFuture(null);
    if (options.starts(OIDC)) {
      ManagedProcess oidc = oidcProcess();
      launch(List.of(oidc));
      oidcReady = CompletableFuture.runAsync(() -> awaitReady(List.of(oidc)));
    }
    awaitReady(infrastructure);
    if (options.createTopics() && (options.starts(KAFKA) || options.externalKafka().isPresent())) {
      List<String> created = KafkaNode.createTopics(kafkaBootstrap);
      progress.note(
          created.isEmpty()
              ? "topics: all " + KafkaNode.TOPICS.size() + " present"
              : "topics: created " + String.join(", ", created.stream().sorted().toList()));
    }
    exploded.join();
    // the gateway with the services: it needs none of them to be ready
    startTogether(
        HTTP_COMPONENTS.stream().filter(options::starts).map(this::serviceProcess).toList());
    try {
      oidcReady.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    startupTime = Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * How long a component gets to stop: longer while it records its class-data archive, which it
   * writes as it exits.
   */
  private Duration stopGrace(String name) {
    Duration grace = options.stopTimeout();
    return archivesToWrite.containsKey(name) && grace.compareTo(RECORDING_STOP_GRACE) < 0
        ? RECORDING_STOP_GRACE
        : grace;
  }

  static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(90);

  /** After a recording component stopped: its archive, written as it exited, is taken. */
  private void adoptArchive(String name) {
    Path archive = archivesToWrite.get(name);
    if (archive != null && ClassDataSharing.adopt(archive)) {
      progress.note("class data: " + name + " archived for faster starts");
    }
  }

  private List<String> classDataArguments(String name, ClassDataSharing.Launch launch) {
    launch.archiveToWrite().ifPresent(archive -> archivesToWrite.put(name, archive));
    return launch.javaArguments();
  }

  private void prepareDataDir() {
    try {
      if (options.fresh() && Files.exists(dataDir)) {
        progress.note("--fresh: wiping " + dataDir);
        try (Stream<Path> paths = Files.walk(dataDir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(logDir());
      // keeps <root>/.local-stack out of git without touching the project's .gitignore
      Path ignore = dataDir.resolve(".gitignore");
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, "# written by local-stack: data and logs, never committed\n*\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + dataDir, e);
    }
  }

  /**
   * Starts each process, then waits for all of them in parallel, printing each as it becomes ready.
   */
  private void startTogether(List<ManagedProcess> batch) {
    launch(batch);
    awaitReady(batch);
  }

  /** The Spring Boot jars this platform starts (not those a test replaced). */
  private List<Path> bootJars() {
    if (root == null) {
      return List.of();
    }
    List<Path> jars = new ArrayList<>();
    if (options.starts(OIDC) && options.serviceCommand(OIDC).isEmpty()) {
      jars.add(oidcJar());
    }
    HTTP_COMPONENTS.stream()
        .filter(options::starts)
        .filter(name -> options.serviceCommand(name).isEmpty())
        .map(this::serviceJar)
        .forEach(jars::add);
    return jars.stream().filter(Files::isRegularFile).toList();
  }

  private void launch(List<ManagedProcess> batch) {
    for (ManagedProcess process : batch) {
      checkPortFree(process.name());
      processes.put(process.name(), process);
      progress.starting(process.name(), describe(process.name()));
      process.start();
    }
  }

  private void awaitReady(List<ManagedProcess> batch) {
    if (batch.isEmpty()) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            batch.size(),
            r -> {
              Thread t = new Thread(r, "local-stack-await");
              t.setDaemon(true);
              return t;
            });
    try {
      ExecutorCompletionService<String> completion = new ExecutorCompletionService<>(pool);
      for (ManagedProcess process : batch) {
        completion.submit(
            () -> {
              long t0 = System.nanoTime();
              process.awaitReady(options.readinessTimeout());
              Duration took = Duration.ofNanos(System.nanoTime() - t0);
              synchronized (readyTimes) {
                readyTimes.put(process.name(), took);
              }
              progress.ready(process.name(), took);
              return process.name();
            });
      }
      for (int i = 0; i < batch.size(); i++) {
        try {
          completion.take().get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof PlatformException pe) {
            progress.failed(pe.component(), pe.getMessage());
            throw pe;
          }
          throw new PlatformException("", "Start-up failed: " + cause, cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("", "Interrupted during start-up", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void checkPortFree(String name) {
    List<String> names = KAFKA.equals(name) ? List.of(KAFKA, KAFKA_CONTROLLER) : List.of(name);
    for (String portName : names) {
      int port = ports.get(portName);
      if (Ports.inUse(port)) {
        throw new PlatformException(
            name,
            "Port "
                + port
                + " ("
                + portName
                + ") is already in use. "
                + "Is another local stack running? Stop it, or choose another port.",
            "");
      }
    }
  }

  private String describe(String name) {
    return switch (name) {
      case KAFKA -> kafkaBootstrap;
      case MONGODB -> mongoUri;
      case OIDC -> oidcUrl;
      default -> serviceUrl(name);
    };
  }

  private ManagedProcess kafkaProcess() {
    Path kafkaDir = dataDir.resolve("kafka");
    Path config = KafkaNode.writeConfig(kafkaDir, ports.get(KAFKA), ports.get(KAFKA_CONTROLLER));
    Path log = logFile(KAFKA);
    if (!KafkaNode.isFormatted(kafkaDir)) {
      List<String> format =
          new ArrayList<>(javaCommand("-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
      format.addAll(childClasspathArgs());
      format.addAll(KafkaNode.formatArguments(config));
      ManagedProcess formatter =
          new ManagedProcess("kafka-format", format, Map.of(), log, dataDir, () -> false);
      formatter.start();
      int exit = formatter.waitFor();
      if (exit != 0) {
        throw new PlatformException(
            KAFKA,
            "Formatting Kafka storage failed (exit " + exit + "); see " + log,
            formatter.tail(30));
      }
    }
    List<String> command = new ArrayList<>(javaCommand(options.kafkaJavaOptions()));
    command.addAll(classDataArguments(KAFKA, ClassDataSharing.classpath(KAFKA, childClasspath())));
    command.addAll(childJvmProperties());
    command.addAll(childClasspathArgs());
    command.addAll(List.of(Child.class.getName(), "kafka.Kafka", config.toString()));
    return new ManagedProcess(
        KAFKA, command, Map.of(), log, dataDir, KafkaNode.probe(kafkaBootstrap));
  }

  private ManagedProcess mongoProcess() {
    if (Files.exists(dataDir.resolve("mongodb").resolve(OLD_STORE_FILE))
        && !Files.exists(dataDir.resolve("mongodb").resolve(STORE_FILE))) {
      progress.note(
          "the store's file format changed (documents kept as BSON): mongodb/"
              + OLD_STORE_FILE
              + " is not read any more — this start begins with empty databases; --fresh removes the old file");
    }
    List<String> command = new ArrayList<>(javaCommand(options.mongoJavaOptions()));
    command.addAll(
        classDataArguments(MONGODB, ClassDataSharing.classpath(MONGODB, childClasspath())));
    command.addAll(childJvmProperties());
    command.addAll(childClasspathArgs());
    command.addAll(
        List.of(
            Child.class.getName(),
            MongoWireNode.class.getName(),
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(ports.get(MONGODB)),
            "--file",
            dataDir.resolve("mongodb").resolve(STORE_FILE).toString()));
    String cacheMb = System.getenv("LOCAL_STACK_MONGO_CACHE_MB");
    if (cacheMb != null && cacheMb.matches("\\d+")) {
      command.addAll(List.of("--cache-mb", cacheMb));
    }
    return new ManagedProcess(
        MONGODB,
        command,
        Map.of(),
        logFile(MONGODB),
        dataDir,
        ReadinessProbe.tcp("127.0.0.1", ports.get(MONGODB)));
  }

  /**
   * The local OIDC provider: issuer {@code http://localhost:<port>}, key and residents' logins in
   * {@code <dataDir>/oidc}.
   */
  private ManagedProcess oidcProcess() {
    List<String> command = new ArrayList<>(javaCommand(options.serviceJavaOptions()));
    Optional<List<String>> override = options.serviceCommand(OIDC);
    if (override.isPresent()) {
      command.addAll(override.get());
    } else {
      Path jar = oidcJar();
      if (!Files.isRegularFile(jar)) {
        throw new PlatformException(
            OIDC,
            "Missing "
                + jar
                + ". Build it first: ./mvnw -B -DskipTests package"
                + " (or ./deploy/local/run.sh --build)",
            "");
      }
      command.addAll(classDataArguments(OIDC, ClassDataSharing.bootJar(jar, progress)));
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SERVER_PORT", String.valueOf(ports.get(OIDC)));
    env.put("OIDC_ISSUER_URI", oidcUrl);
    env.put("OIDC_DATA_DIR", oidcDataDir().toString());
    // the web app is served by the gateway (and, while developing, by Vite's dev server on 5173)
    int gateway = ports.get(GATEWAY);
    env.put(
        "OIDC_WEB_ORIGINS",
        String.join(
            ",",
            "http://localhost:" + gateway,
            "http://127.0.0.1:" + gateway,
            "http://localhost:5173",
            "http://127.0.0.1:5173"));
    return new ManagedProcess(
        OIDC, command, env, logFile(OIDC), dataDir, ReadinessProbe.actuator(oidcUrl));
  }

  /** {@code <root>/deploy/oidc/target/local-oidc.jar}. */
  Path oidcJar() {
    if (root == null) {
      throw new PlatformException(OIDC, "No project root found to locate local-oidc.jar", "");
    }
    return root.resolve("deploy").resolve("oidc").resolve("target").resolve("local-oidc.jar");
  }

  private ManagedProcess serviceProcess(String name) {
    List<String> command = new ArrayList<>(javaCommand(options.serviceJavaOptions()));
    Optional<List<String>> override = options.serviceCommand(name);
    if (override.isPresent()) {
      command.addAll(override.get());
    } else {
      Path jar = serviceJar(name);
      if (!Files.isRegularFile(jar)) {
        throw new PlatformException(
            name,
            "Missing "
                + jar
                + ". Build it first: ./mvnw -B -DskipTests package"
                + " (or ./deploy/local/run.sh --build)",
            "");
      }
      command.addAll(classDataArguments(name, ClassDataSharing.bootJar(jar, progress)));
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SERVER_PORT", String.valueOf(ports.get(name)));
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
    env.put("MONGODB_URI", mongoUri);
    if (options.starts(OIDC) || options.externalOidc().isPresent()) {
      env.put("OIDC_ISSUER_URI", oidcUrl);
      env.put("OIDC_JWKS_URI", oidcUrl + "/oauth2/jwks");
    }
    if (GATEWAY.equals(name) || VOLUNTEER_SERVICE.equals(name)) {
      // the gateway's upstreams; the volunteer system places a redeemed service's order directly
      SERVICES.forEach(service -> env.put(UPSTREAM_VARIABLES.get(service), serviceUrl(service)));
    }
    if (VOLUNTEER_SERVICE.equals(name)) {
      // 志愿者: an invited volunteer has this long to answer locally (30 min in production); 一星
      // comes at 2 approved hours here (100 by default), so that trying the platform reaches it
      env.put("VOLUNTEER_INVITE_WITHIN", VOLUNTEER_INVITE_WITHIN);
      env.put("FOURINONE_VOLUNTEER_STAR_HOURS", VOLUNTEER_STAR_HOURS);
      env.put("FOURINONE_PUBLIC_URL", serviceUrl(GATEWAY));
    }
    // 三社联动: an organisation has this long to accept a dispatched order locally (30 min in
    // production), so that a time-out and the re-dispatch can be seen while trying the platform
    env.put("SANSHE_ACCEPT_WITHIN", SANSHE_ACCEPT_WITHIN);
    env.putAll(options.environment());
    return new ManagedProcess(
        name, command, env, logFile(name), dataDir, ReadinessProbe.actuator(serviceUrl(name)));
  }

  /** {@code <root>/<module>/target/<module>.jar}. */
  Path serviceJar(String name) {
    if (root == null) {
      throw new PlatformException(name, "No project root found to locate " + name + ".jar", "");
    }
    return root.resolve(name).resolve("target").resolve(name + ".jar");
  }

  private static List<String> javaCommand(String jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (trimsNativeHeap(Runtime.version()) && !jvmOptions.contains("TrimNativeHeapInterval")) {
      // hands malloc's freed memory back to the system every few seconds (start-up's garbage)
      command.add("-XX:TrimNativeHeapInterval=" + TRIM_NATIVE_HEAP_MILLIS);
    }
    Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
    return command;
  }

  static final int TRIM_NATIVE_HEAP_MILLIS = 5000;

  /**
   * {@code -XX:TrimNativeHeapInterval} exists from JDK 17.0.9, 21.0.1 and 22 (JDK-8293114); an
   * unknown {@code -XX} flag would stop the JVM from starting.
   */
  static boolean trimsNativeHeap(Runtime.Version version) {
    int feature = version.feature();
    return (feature == 17 && version.update() >= 9)
        || (feature == 21 && version.update() >= 1)
        || feature >= 22;
  }

  private List<String> childJvmProperties() {
    return List.of(
        "-D" + Child.PARENT_PID + "=" + ProcessHandle.current().pid(),
        "-Dlog4j2.configurationFile=classpath:local-stack-log4j2.properties",
        "-Djava.io.tmpdir=" + dataDir.resolve("tmp"));
  }

  private static List<String> childClasspathArgs() {
    return List.of("-cp", childClasspath());
  }

  /**
   * The broker and the Mongo node run on this module's jar (or classes) plus {@code target/lib/*}
   * when that directory sits beside it (the packaged module); otherwise on this JVM's classpath.
   */
  static String childClasspath() {
    try {
      Path codeSource =
          Path.of(Platform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path lib = codeSource.getParent().resolve("lib");
      if (Files.isDirectory(lib)) {
        return codeSource + File.pathSeparator + lib + File.separator + "*";
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through
    }
    return System.getProperty("java.class.path");
  }

  // ---------------------------------------------------------------- queries

  public String gatewayUrl() {
    return serviceUrl(GATEWAY);
  }

  /** {@code http://localhost:<port>} of a service or the gateway. */
  public String serviceUrl(String name) {
    if (!HTTP_COMPONENTS.contains(name)) {
      throw new IllegalArgumentException(name + " is not a service; known: " + HTTP_COMPONENTS);
    }
    return "http://localhost:" + ports.get(name);
  }

  /**
   * The OIDC issuer the services trust: {@code http://localhost:<port>} of the local provider, or
   * the external one. Get tokens from it with {@link OidcLogin}.
   */
  public String oidcUrl() {
    return oidcUrl;
  }

  /** {@code <dataDir>/oidc}: the local provider's signing key and {@code residents.json}. */
  public Path oidcDataDir() {
    return dataDir.resolve("oidc");
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public String mongoUri() {
    return mongoUri;
  }

  /** The port a component listens on (as picked, when 0 was asked for). */
  public int port(String name) {
    Integer port = ports.get(name);
    if (port == null) {
      throw new IllegalArgumentException("No port named " + name);
    }
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /** {@code <dataDir>/logs/<name>.log}: the child's stdout and stderr. */
  public Path logFile(String name) {
    return logDir().resolve(name + ".log");
  }

  /** Components this platform started, in start order. */
  public synchronized List<String> components() {
    return List.copyOf(processes.keySet());
  }

  public synchronized boolean isRunning(String name) {
    ManagedProcess process = processes.get(name);
    return process != null && process.isAlive();
  }

  /** OS process id of a component, -1 when not running. */
  public synchronized long pid(String name) {
    return process(name).pid();
  }

  /**
   * Resident memory (bytes) of every running component and of this launcher ({@code local-stack}),
   * in start order; empty where the system does not tell (not Linux).
   */
  public Map<String, Long> residentSetSizes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    synchronized (this) {
      processes.forEach((name, process) -> pids.put(name, process.pid()));
    }
    pids.put("local-stack", ProcessHandle.current().pid());
    return Memory.of(pids);
  }

  /**
   * {@link #residentSetSizes()} in one line: the total, and each process in MB ({@code 1.14 GB RSS,
   * 10 processes: oidc 96 · kafka 180 · …}); empty when the system does not tell.
   */
  public String memorySummary() {
    Map<String, Long> sizes = residentSetSizes();
    return sizes.isEmpty() ? "" : Memory.total(sizes) + ": " + Memory.breakdown(sizes);
  }

  /** The names {@code --port <name>=<port>} and {@code PlatformOptions.port} accept. */
  public static Set<String> portNames() {
    return DEFAULT_PORTS.keySet();
  }

  /** From the first process launched until the last one was ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /** How long each component took from launch to ready (latest start). */
  public Map<String, Duration> readyTimes() {
    synchronized (readyTimes) {
      return Map.copyOf(readyTimes);
    }
  }

  /** Whether the platform started this component itself (false for external Kafka/MongoDB). */
  public boolean started(String name) {
    return processes.containsKey(name);
  }

  // ---------------------------------------------------------------- control

  /** {@code kill -9}: the process gets no chance to shut down; returns once it is gone. */
  public synchronized void kill(String name) {
    process(name).kill();
    progress.note(name + " killed");
  }

  /** SIGTERM, then SIGKILL after the stop timeout. */
  public synchronized void stop(String name) {
    process(name).stop(stopGrace(name));
    progress.note(name + " stopped");
    adoptArchive(name);
  }

  /**
   * Stops the component if it runs, starts it again on the same port and waits until it is ready.
   */
  public synchronized void restart(String name) {
    long t0 = System.nanoTime();
    ManagedProcess process = relaunch(name);
    process.awaitReady(options.readinessTimeout());
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    synchronized (readyTimes) {
      readyTimes.put(name, took);
    }
    progress.restarted(name, took);
  }

  /**
   * Restarts several components at once, each as {@link #restart(String)} does, and waits until
   * every one of them is ready: two services killed together come back in the time of about one and
   * a half.
   */
  public synchronized void restartTogether(List<String> names) {
    List<ManagedProcess> batch = new ArrayList<>();
    for (String name : names) {
      batch.add(relaunch(name));
    }
    awaitReady(batch);
  }

  /** Stops the component if it runs, adopts the archive it left, and starts it on the same port. */
  private ManagedProcess relaunch(String name) {
    ManagedProcess process = process(name);
    process.stop(stopGrace(name));
    adoptArchive(name);
    progress.restarting(name, describe(name));
    process.start();
    return process;
  }

  private ManagedProcess process(String name) {
    ManagedProcess process = processes.get(name);
    if (process == null) {
      throw new IllegalArgumentException(
          name + " was not started by this platform; started: " + processes.keySet());
    }
    return process;
  }

  /** Stops every component in reverse start order. Idempotent; also runs on JVM shutdown. */
  @Override
  public void close() {
    List<ManagedProcess> reverse;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      reverse = new ArrayList<>(processes.values());
    }
    Collections.reverse(reverse);
    // the gateway, the services and the provider together (each may be writing its class-data
    // archive as it exits), then the store and the broker they used, one after the other
    List<ManagedProcess> clients =
        reverse.stream().filter(p -> !INFRASTRUCTURE.contains(p.name())).toList();
    List<Thread> stopping = new ArrayList<>();
    for (ManagedProcess process : clients) {
      Thread t = new Thread(() -> stopAndAdopt(process), "local-stack-stop-" + process.name());
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    reverse.stream().filter(p -> INFRASTRUCTURE.contains(p.name())).forEach(this::stopAndAdopt);
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting anyway
      }
    }
  }

  private static final List<String> INFRASTRUCTURE = List.of(KAFKA, MONGODB);

  private void stopAndAdopt(ManagedProcess process) {
    if (process.isAlive()) {
      long t0 = System.nanoTime();
      process.stop(stopGrace(process.name()));
      progress.stopped(process.name(), Duration.ofNanos(System.nanoTime() - t0));
    }
    adoptArchive(process.name());
  }

  PrintStream out() {
    return options.progress().orElse(null);
  }
}
