package org.fourinone.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fourinone.local.ProjectRoot;

/**
 * Runs the web app's browser tests ({@code web/e2e}, Playwright driving Debian's chromium) against
 * a started platform: {@code npm run e2e} in {@code web/}, whose {@code node_modules} the web
 * module's build installed. Chromium and a CJK font are installed first if the machine lacks them
 * ({@code src/test/scripts/install-chromium.sh}); browser downloads are not possible here.
 */
final class WebAppBrowser {

  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private WebAppBrowser() {}

  /**
   * Runs the specs with {@code env} (the gateway's URL, where screenshots go) and returns the exit
   * code; the run's output is kept in {@code system-tests/target/e2e.log} and printed.
   */
  static int runSpecs(Map<String, String> env) throws IOException, InterruptedException {
    Path root = ProjectRoot.find();
    Path web = root.resolve("web");
    if (!Files.isDirectory(web.resolve("node_modules").resolve("@playwright"))) {
      throw new IllegalStateException(
          "web/node_modules is missing: build the web module first (./mvnw -B -pl web package)");
    }
    int installed =
        run(
            List.of(
                "bash",
                root.resolve("system-tests/src/test/scripts/install-chromium.sh").toString()),
            root,
            Map.of(),
            Duration.ofMinutes(10),
            root.resolve("system-tests").resolve("target").resolve("install-chromium.log"));
    if (installed != 0) {
      throw new IllegalStateException("could not install chromium (exit " + installed + ")");
    }
    Path log = root.resolve("system-tests").resolve("target").resolve("e2e.log");
    Files.createDirectories(log.getParent());
    int exit = run(List.of("npm", "run", "e2e", "--silent"), web, env, TIMEOUT, log);
    // through System.out, which the test runner captures (a child writing to the inherited
    // stdout would corrupt its channel)
    System.out.println(Files.readString(log));
    return exit;
  }

  private static int run(
      List<String> command, Path dir, Map<String, String> env, Duration timeout, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not end in " + timeout);
    }
    return process.exitValue();
  }
}
