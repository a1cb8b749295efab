package org.fourinone.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link LocalStack}, parsed; environment variables count too (external
 * Kafka/MongoDB, JVM flags).
 */
record CliOptions(
    boolean help,
    boolean demo,
    boolean fresh,
    Path dataDir,
    Set<String> components,
    Map<String, Integer> ports,
    String externalKafka,
    String externalMongo,
    String externalOidc,
    String oidcJwksUri,
    String serviceJavaOptions,
    String kafkaJavaOptions,
    String mongoJavaOptions) {

  static final String USAGE =
      """
            Usage: ./deploy/local/run.sh [options]

            Starts the local OIDC provider, Kafka (KRaft), a MongoDB wire-protocol server, the four
            services and the gateway, each as its own process. Ctrl-C stops everything.

            Options:
              --demo                 load demo residents and orders through the gateway once started
              --data-dir <dir>       where data and logs go (default <project>/.local-stack)
              --fresh                wipe the data directory first
              --only <a,b,...>       start only these components
              --skip <a,b,...>       start everything but these components
              --port <name>=<port>   change a port (0 = any free port), repeatable
              --build                (run.sh) rebuild the jars before starting
              -h, --help             this text

            Components: oidc, kafka, mongodb, party-building-service, public-service, sanshe-service,
                        volunteer-service, gateway   (ports also: kafka-controller)

            Environment:
              KAFKA_BOOTSTRAP_SERVERS      use this Kafka instead of starting a broker
              MONGODB_URI                  use this MongoDB instead of starting the wire server
              OIDC_ISSUER_URI              trust this issuer (Keycloak, a city identity platform)
                                           instead of starting the local OIDC provider
              OIDC_JWKS_URI                its keys (default <issuer>/oauth2/jwks)
              LOCAL_STACK_JAVA_OPTS        JVM flags of services and gateway
                                           (default: %s)
              LOCAL_STACK_KAFKA_JAVA_OPTS  JVM flags of the broker (default: %s)
              LOCAL_STACK_MONGO_JAVA_OPTS  JVM flags of the MongoDB wire server
            """
          .formatted(
              PlatformOptions.DEFAULT_SERVICE_JAVA_OPTIONS,
              PlatformOptions.DEFAULT_KAFKA_JAVA_OPTIONS);

  static CliOptions parse(String[] args, Map<String, String> env) {
    boolean help = false;
    boolean demo = false;
    boolean fresh = false;
    Path dataDir = null;
    Set<String> components = new LinkedHashSet<>(Platform.ALL);
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String inlineValue = null;
      if (arg.startsWith("--") && arg.contains("=") && !arg.startsWith("--port=")) {
        inlineValue = arg.substring(arg.indexOf('=') + 1);
        arg = arg.substring(0, arg.indexOf('='));
      } else if (arg.startsWith("--port=")) {
        inlineValue = arg.substring("--port=".length());
        arg = "--port";
      }
      switch (arg) {
        case "-h", "--help" -> help = true;
        case "--demo" -> demo = true;
        case "--fresh" -> fresh = true;
        case "--build" -> {} // handled by run.sh
        case "--data-dir" ->
            dataDir = Path.of(inlineValue != null ? inlineValue : value(args, ++i, arg));
        case "--only" -> {
          components.clear();
          components.addAll(
              componentList(inlineValue != null ? inlineValue : value(args, ++i, arg)));
        }
        case "--skip" ->
            components.removeAll(
                componentList(inlineValue != null ? inlineValue : value(args, ++i, arg)));
        case "--port" -> {
          String spec = inlineValue != null ? inlineValue : value(args, ++i, arg);
          int eq = spec.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException("--port wants <name>=<port>, got " + spec);
          }
          String name = spec.substring(0, eq);
          if (!Platform.DEFAULT_PORTS.containsKey(name)) {
            throw new IllegalArgumentException(
                "No port named " + name + "; known: " + Platform.DEFAULT_PORTS.keySet());
          }
          ports.put(name, parsePort(spec.substring(eq + 1)));
        }
        default -> throw new IllegalArgumentException("Unknown option " + arg);
      }
    }
    return new CliOptions(
        help,
        demo,
        fresh,
        dataDir,
        Set.copyOf(components),
        Map.copyOf(ports),
        blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
        blankToNull(env.get("MONGODB_URI")),
        blankToNull(env.get("OIDC_ISSUER_URI")),
        blankToNull(env.get("OIDC_JWKS_URI")),
        env.getOrDefault("LOCAL_STACK_JAVA_OPTS", PlatformOptions.DEFAULT_SERVICE_JAVA_OPTIONS),
        env.getOrDefault("LOCAL_STACK_KAFKA_JAVA_OPTS", PlatformOptions.DEFAULT_KAFKA_JAVA_OPTIONS),
        env.getOrDefault(
            "LOCAL_STACK_MONGO_JAVA_OPTS", PlatformOptions.DEFAULT_MONGO_JAVA_OPTIONS));
  }

  PlatformOptions toPlatformOptions(Path projectRoot) {
    PlatformOptions.Builder builder =
        PlatformOptions.builder()
            .projectRoot(projectRoot)
            .dataDir(dataDir != null ? dataDir : projectRoot.resolve(".local-stack"))
            .fresh(fresh)
            .components(Platform.ALL.stream().filter(components::contains).toList())
            .externalKafka(externalKafka)
            .externalMongo(externalMongo)
            .externalOidc(externalOidc)
            .serviceJavaOptions(serviceJavaOptions)
            .kafkaJavaOptions(kafkaJavaOptions)
            .mongoJavaOptions(mongoJavaOptions);
    ports.forEach(builder::port);
    if (oidcJwksUri != null) {
      builder.env("OIDC_JWKS_URI", oidcJwksUri);
    }
    return builder.build();
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static List<String> componentList(String csv) {
    List<String> names = new ArrayList<>();
    for (String name :
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
      if (!Platform.ALL.contains(name)) {
        throw new IllegalArgumentException(
            "Unknown component " + name + "; known: " + Platform.ALL);
      }
      names.add(name);
    }
    return names;
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Bad port " + text);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
