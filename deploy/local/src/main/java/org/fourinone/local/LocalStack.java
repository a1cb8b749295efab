package org.fourinone.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./deploy/local/run.sh}: starts the platform, prints where everything is, optionally loads
 * demo data, waits for Ctrl-C.
 */
public final class LocalStack {

  private LocalStack() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CliOptions cli;
    try {
      cli = CliOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println();
      System.err.println(CliOptions.USAGE);
      System.exit(2);
      return;
    }
    if (cli.help()) {
      out.println(CliOptions.USAGE);
      return;
    }
    Path root = ProjectRoot.find();
    PlatformOptions options = cli.toPlatformOptions(root);
    out.println("四位一体 local stack — data in " + options.dataDir());

    Platform platform;
    try {
      platform = Platform.start(options);
    } catch (PlatformException e) {
      System.err.println();
      System.err.println("Start-up failed: " + e.getMessage());
      if (!e.logTail().isBlank()) {
        System.err.println("---- last lines of " + e.component() + ".log ----");
        System.err.println(e.logTail());
        System.err.println("----");
      }
      System.exit(1);
      return;
    }
    out.println(summary(platform));

    if (cli.demo()) {
      if (!platform.started(Platform.GATEWAY)) {
        out.println("--demo needs the gateway; skipped.");
      } else {
        try {
          boolean withTokens = platform.started(Platform.OIDC);
          new DemoData(
                  platform.gatewayUrl(),
                  withTokens ? platform.oidcUrl() : null,
                  withTokens ? platform.oidcDataDir().resolve("residents.json") : null,
                  out)
              .load();
        } catch (Exception e) {
          out.println("Demo data could not be loaded completely: " + e.getMessage());
          out.println("The platform keeps running; see the service logs in " + platform.logDir());
        }
      }
    }
    out.println("Running. Ctrl-C stops everything.");
    watchChildren(platform, out);
  }

  /** Blocks until the JVM exits; reports children that die on their own in the meantime. */
  private static void watchChildren(Platform platform, PrintStream out) {
    List<String> reported = new ArrayList<>();
    CountDownLatch forever = new CountDownLatch(1);
    while (true) {
      for (String name : platform.components()) {
        if (!platform.isRunning(name) && !reported.contains(name)) {
          reported.add(name);
          out.println("! " + name + " has stopped; last lines of " + platform.logFile(name) + ":");
          out.println(ManagedProcess.tail(platform.logFile(name), 15));
        } else if (platform.isRunning(name)) {
          reported.remove(name);
        }
      }
      try {
        if (forever.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  static String summary(Platform platform) {
    List<String[]> rows = new ArrayList<>();
    if (platform.started(Platform.GATEWAY)) {
      rows.add(
          new String[] {"Web app", platform.gatewayUrl() + "/  (sign in with an account below)"});
      rows.add(new String[] {"Gateway", platform.gatewayUrl() + "/api/…"});
      rows.add(new String[] {"Swagger UI", platform.gatewayUrl() + "/swagger-ui.html"});
    }
    for (String service : Platform.SERVICES) {
      if (platform.started(service)) {
        rows.add(new String[] {service, platform.serviceUrl(service)});
      }
    }
    if (platform.started(Platform.SANSHE_SERVICE)) {
      rows.add(
          new String[] {
            "三社联动 dispatch",
            "an organisation has "
                + Platform.SANSHE_ACCEPT_WITHIN
                + " to accept an order, then it goes to the next (SANSHE_ACCEPT_WITHIN)"
          });
    }
    if (platform.started(Platform.VOLUNTEER_SERVICE)) {
      rows.add(
          new String[] {
            "志愿者 matching",
            "an invited volunteer has "
                + Platform.VOLUNTEER_INVITE_WITHIN
                + " to answer (VOLUNTEER_INVITE_WITHIN); 一星 at "
                + Platform.VOLUNTEER_STAR_HOURS.split(",")[0]
                + " approved hours here (FOURINONE_VOLUNTEER_STAR_HOURS; 100 by default)"
          });
    }
    if (platform.started(Platform.OIDC)) {
      rows.add(new String[] {"OIDC issuer", platform.oidcUrl()});
    } else if (platform.started(Platform.GATEWAY)
        || Platform.SERVICES.stream().anyMatch(platform::started)) {
      rows.add(new String[] {"OIDC issuer", platform.oidcUrl() + "  (not started here)"});
    }
    rows.add(
        new String[] {
          "Kafka bootstrap",
          platform.kafkaBootstrap() + (platform.started(Platform.KAFKA) ? "" : "  (external)")
        });
    rows.add(
        new String[] {
          "MongoDB URI",
          platform.mongoUri() + (platform.started(Platform.MONGODB) ? "" : "  (external)")
        });
    rows.add(new String[] {"Data dir", platform.dataDir().toString()});
    rows.add(new String[] {"Logs", platform.logDir().toString()});
    rows.add(new String[] {"Started in", Progress.seconds(platform.startupTime())});
    String memory = platform.memorySummary();
    if (!memory.isEmpty()) {
      rows.add(new String[] {"Memory", memory.substring(0, memory.indexOf(':')) + " (below)"});
    }
    String box = box("四位一体 platform is up", rows, "Ctrl-C stops everything.");
    if (!memory.isEmpty()) {
      box +=
          "Memory at rest, MB RSS per process: "
              + memory.substring(memory.indexOf(':') + 2)
              + System.lineSeparator();
    }
    return platform.started(Platform.OIDC) ? box + accounts(platform) : box;
  }

  /**
   * What to put before {@code ./deploy/local/token.sh} so it asks this issuer (nothing for the
   * default one).
   */
  static String tokenShellPrefix(String issuer) {
    return "http://localhost:9000".equals(issuer) ? "" : "OIDC_ISSUER_URI=" + issuer + " ";
  }

  /**
   * Demo accounts of the local provider ({@code deploy/oidc}, class DemoAccounts) and how to get a
   * token.
   */
  static String accounts(Platform platform) {
    String[][] accounts = {
      {"cw-dzm-01", "COMMUNITY_WORKER", "C-DZM-01 / S-DZM"},
      {"cw-hpl-01", "COMMUNITY_WORKER", "C-HPL-01 / S-HPL (another street)"},
      {"cc-dzm-01", "CALL_CENTER_OPERATOR", "C-DZM-01"},
      {"sw-dzm-01", "SOCIAL_WORKER", "C-DZM-01"},
      {"party-dzm-01", "PARTY_STAFF", "C-DZM-01"},
      {
        "org-jiale",
        "ORGANISATION_STAFF",
        "ORG-JIALE (also org-xinyuan, org-ankang, …: one per organisation)"
      },
      {
        "sw-jiale-01",
        "SOCIAL_WORKER",
        "of ORG-JIALE: its dispatched orders (also sw-xinyuan-01, …)"
      },
      {
        "vol-li",
        "VOLUNTEER",
        "C-DZM-01: invitations, shifts, hours, points (also vol-wang, vol-zhao, vol-chen, vol-sun, vol-zhou)"
      },
      {"street-dzm", "STREET_OFFICER", "S-DZM (also street-hpl, street-jgm)"},
      {"admin", "DISTRICT_ADMIN", "district"},
      {"ops", "PLATFORM_OPERATOR", "health and metrics only"},
      {"cw-<c>", "COMMUNITY_WORKER", "every community <c>, e.g. cw-jgm-03 for C-JGM-03"},
      {"cc-<c>", "CALL_CENTER_OPERATOR", "every community <c>, e.g. cc-hpl-02"},
      {
        "resident-01 … 10",
        "RESIDENT",
        "written by --demo to " + platform.oidcDataDir().resolve("residents.json")
      },
    };
    StringBuilder sb = new StringBuilder();
    String nl = System.lineSeparator();
    sb.append("Demo accounts at ")
        .append(platform.oidcUrl())
        .append(" — password for all: ")
        .append(OidcLogin.DEMO_PASSWORD)
        .append(nl);
    for (String[] account : accounts) {
      sb.append(String.format("  %-18s %-22s %s", account[0], account[1], account[2])).append(nl);
    }
    sb.append("Machine clients: ")
        .append(OidcLogin.PARTNER_CLIENT)
        .append(" (PARTNER_SYSTEM), ")
        .append(OidcLogin.ADMIN_CLIENT)
        .append(" (DISTRICT_ADMIN): client credentials")
        .append(nl);
    String env = tokenShellPrefix(platform.oidcUrl());
    sb.append("A token: ").append(env).append("./deploy/local/token.sh cw-dzm-01").append(nl);
    sb.append("  curl -H \"Authorization: Bearer $(")
        .append(env)
        .append("./deploy/local/token.sh cw-dzm-01)\" ")
        .append(
            platform.started(Platform.GATEWAY) ? platform.gatewayUrl() : "http://localhost:8080")
        .append("/api/public/communities")
        .append(nl);
    return sb.toString();
  }

  static String box(String title, List<String[]> rows, String footer) {
    int keyWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      lines.add(String.format("%-" + keyWidth + "s  %s", row[0], row[1]));
    }
    int width =
        Math.max(
            displayWidth(title),
            Math.max(
                displayWidth(footer),
                lines.stream().mapToInt(LocalStack::displayWidth).max().orElse(0)));
    StringBuilder sb = new StringBuilder(System.lineSeparator());
    String rule = "+" + "-".repeat(width + 2) + "+";
    sb.append(rule).append(System.lineSeparator());
    sb.append(boxLine(title, width)).append(boxLine("", width));
    lines.forEach(line -> sb.append(boxLine(line, width)));
    sb.append(boxLine("", width)).append(boxLine(footer, width));
    sb.append(rule).append(System.lineSeparator());
    return sb.toString();
  }

  private static String boxLine(String text, int width) {
    return "| " + text + " ".repeat(width - displayWidth(text)) + " |" + System.lineSeparator();
  }

  /** Terminal columns: CJK characters take two. */
  static int displayWidth(String text) {
    return text.codePoints()
        .map(
            cp ->
                Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                        || (cp >= 0x3000 && cp <= 0x30FF)
                        || (cp >= 0xFF00 && cp <= 0xFF60)
                    ? 2
                    : 1)
        .sum();
  }
}
