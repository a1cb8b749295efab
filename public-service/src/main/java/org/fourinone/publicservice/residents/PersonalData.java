package org.fourinone.publicservice.residents;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts ID numbers and phones at rest (AES-256-GCM, a fresh 96-bit IV per value) and derives a
 * keyed hash (HMAC-SHA-256) to find a resident by ID number without decrypting. Keys come from
 * the environment (a Kubernetes Secret); without them, development keys derived from a fixed
 * phrase are used and a warning is logged.
 */
final class PersonalData {
  private static final Logger log = LoggerFactory.getLogger(PersonalData.class);
  private static final String VERSION = "v1:";
  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec hashKey;
  private final SecureRandom random = new SecureRandom();

  PersonalData(String encryptionKeyBase64, String hashKeyBase64) {
    this.encryptionKey = new SecretKeySpec(key(encryptionKeyBase64, "encryption"), "AES");
    this.hashKey = new SecretKeySpec(key(hashKeyBase64, "hash"), "HmacSHA256");
  }

  String encrypt(String clear) {
    try {
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt", e);
    }
  }

  String decrypt(String stored) {
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, all, 0, 12));
      return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt", e);
    }
  }

  String hash(String clear) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hashKey);
      return HexFormat.of().formatHex(mac.doFinal(clear.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot hash", e);
    }
  }

  private static byte[] key(String base64, String purpose) {
    if (base64 == null || base64.isBlank()) {
      log.warn("PII {} key not set: using a development key. Set PII_ENCRYPTION_KEY and PII_HASH_KEY in production.", purpose);
      try {
        return MessageDigest.getInstance("SHA-256").digest(("fourinone-development-" + purpose).getBytes(StandardCharsets.UTF_8));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] key = Base64.getDecoder().decode(base64.trim());
    if (key.length != 32) {
      throw new IllegalStateException("the PII " + purpose + " key must be 32 bytes (base64)");
    }
    return key;
  }
}
