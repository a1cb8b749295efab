package org.fourinone.publicservice.residents;

import java.security.SecureRandom;
import java.util.Base64;
import org.fourinone.kit.personaldata.PersonalData;

/** Fresh keys for tests, base64 as the environment gives them. */
final class PersonalDataKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private PersonalDataKeys() {}

  static String aes() {
    return random(32);
  }

  static String sm4() {
    return random(16);
  }

  static String hash() {
    return random(32);
  }

  static String random(int bytes) {
    byte[] key = new byte[bytes];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  static PersonalData.Settings settings(
      String algorithm, String keys, String active, String hashKeys, String activeHash) {
    return new PersonalData.Settings(algorithm, keys, active, "", hashKeys, activeHash, "");
  }
}
