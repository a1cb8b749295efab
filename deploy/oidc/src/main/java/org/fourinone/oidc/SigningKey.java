package org.fourinone.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * The RSA key tokens are signed with: from {@code OIDC_SIGNING_KEY} (a private JWK) when set, else
 * from {@code <dataDir>/signing-key.json}, generated there at the first start. Kept, so tokens
 * issued before a restart still verify after it.
 */
final class SigningKey {

  private SigningKey() {}

  static RSAKey load(String fromEnvironment, Path file) {
    try {
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return requirePrivate(RSAKey.parse(fromEnvironment.trim()), "OIDC_SIGNING_KEY");
      }
      if (Files.isRegularFile(file)) {
        return requirePrivate(RSAKey.parse(Files.readString(file)), file.toString());
      }
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true)
              .generate();
      write(file, key.toJSONString());
      return key;
    } catch (ParseException e) {
      throw new IllegalStateException("The signing key is not a valid JWK: " + e.getMessage(), e);
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot generate a signing key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  private static RSAKey requirePrivate(RSAKey key, String where) {
    if (!key.isPrivate()) {
      throw new IllegalStateException(
          where + " holds a public key only; a private RSA JWK is needed to sign");
    }
    return key;
  }

  /**
   * Written to a temporary file first, then moved, so a crash never leaves half a key; owner-only
   * where POSIX.
   */
  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the directory's ACL applies
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
