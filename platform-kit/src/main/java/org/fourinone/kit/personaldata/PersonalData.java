package org.fourinone.kit.personaldata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.fourinone.kit.personaldata.KeyRing.InvalidKeyConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts ID numbers and phones at rest and derives a keyed hash of the ID number to find a
 * resident without decrypting.
 *
 * <p>A stored value names its algorithm and key: {@code aes-gcm:k2:<base64(iv|ciphertext|tag)>}
 * (AES-256-GCM, 32-byte keys) or {@code sm4-gcm:k1:…} (SM4-GCM, 16-byte keys, 国密), a fresh 96-bit
 * IV per value and a 128-bit tag; the first form {@code v1:<base64>} is read as AES-GCM under the
 * key {@value KeyRing#LEGACY}. New values use the active key; any configured key is read; a value
 * naming a key that is not configured fails loudly, never decrypts to something else. The keyed
 * hash is HMAC-SHA-256 (HMAC-SM3 when the algorithm is {@code sm4-gcm}) under the active hash key,
 * stored with the reference {@code hmac-sha256:h2} of the key that made it; lookups try every
 * configured hash key.
 *
 * <p>Keys come from the environment (a Kubernetes Secret); without any, development keys derived
 * from fixed phrases are used and a warning is logged.
 */
public final class PersonalData {
  private static final Logger log = LoggerFactory.getLogger(PersonalData.class);
  private static final String VERSION_1 = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HASH_KEY_BYTES = 32;

  /**
   * Bouncy Castle, for SM4 and SM3 only: made when first asked for. Its provider registers
   * thousands of algorithms from a signed jar, whose classes no class-data archive holds: made
   * eagerly it cost each service ~1 s of CPU at start without archives, ~0.4 s with them
   * (sanshe-service alone, 3 starts each), for a platform that runs on AES-GCM by default.
   */
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  /** Encryption algorithms: the name in a stored value, the key length, the JCE transformation. */
  public enum Algorithm {
    AES_GCM("aes-gcm", 32, "AES/GCM/NoPadding", "AES", HashAlgorithm.HMAC_SHA256),
    SM4_GCM("sm4-gcm", 16, "SM4/GCM/NoPadding", "SM4", HashAlgorithm.HMAC_SM3);

    public final String id;
    public final int keyBytes;
    public final String transformation;
    public final String keyAlgorithm;
    public final HashAlgorithm hash;

    Algorithm(
        String id, int keyBytes, String transformation, String keyAlgorithm, HashAlgorithm hash) {
      this.id = id;
      this.keyBytes = keyBytes;
      this.transformation = transformation;
      this.keyAlgorithm = keyAlgorithm;
      this.hash = hash;
    }

    public static Algorithm named(String id) {
      for (Algorithm a : values()) {
        if (a.id.equals(id)) {
          return a;
        }
      }
      throw new InvalidKeyConfiguration(
          "PII_ALGORITHM must be aes-gcm or sm4-gcm, not '" + id + "'");
    }

    public Cipher cipher() throws GeneralSecurityException {
      return this == SM4_GCM
          ? Cipher.getInstance(transformation, Bc.PROVIDER)
          : Cipher.getInstance(transformation);
    }
  }

  /** Keyed hashes: the name in {@code idNumberHashKey} and the MAC. */
  public enum HashAlgorithm {
    HMAC_SHA256("hmac-sha256"),
    HMAC_SM3("hmac-sm3");

    public final String id;

    HashAlgorithm(String id) {
      this.id = id;
    }

    public Mac mac() throws GeneralSecurityException {
      return this == HMAC_SM3
          ? Mac.getInstance("HMACSM3", Bc.PROVIDER)
          : Mac.getInstance("HmacSHA256");
    }
  }

  /** The settings, as the environment gives them (blank = not set). */
  public record Settings(
      String algorithm,
      String keys,
      String activeKey,
      String encryptionKey,
      String hashKeys,
      String activeHashKey,
      String hashKey) {}

  private final Algorithm algorithm;
  private final KeyRing encryption;
  private final KeyRing hashing;
  private final SecureRandom random = new SecureRandom();

  public PersonalData(Settings settings) {
    this.algorithm =
        Algorithm.named(blankTo(settings.algorithm(), "aes-gcm").trim().toLowerCase(Locale.ROOT));
    this.encryption =
        blank(settings.keys()) && blank(settings.encryptionKey())
            ? developmentEncryptionKeys(algorithm)
            : KeyRing.parse(
                "PII_KEYS",
                settings.keys(),
                "PII_ACTIVE_KEY",
                settings.activeKey(),
                settings.encryptionKey());
    this.hashing =
        blank(settings.hashKeys()) && blank(settings.hashKey())
            ? developmentHashKeys()
            : KeyRing.parse(
                "PII_HASH_KEYS",
                settings.hashKeys(),
                "PII_ACTIVE_HASH_KEY",
                settings.activeHashKey(),
                settings.hashKey());
    validate();
  }

  /** The first form: one AES key and one hash key. */
  public PersonalData(String encryptionKeyBase64, String hashKeyBase64) {
    this(new Settings("aes-gcm", "", "", encryptionKeyBase64, "", "", hashKeyBase64));
  }

  private void validate() {
    encryption
        .all()
        .forEach(
            (id, key) -> {
              if (key.length != Algorithm.AES_GCM.keyBytes
                  && key.length != Algorithm.SM4_GCM.keyBytes) {
                throw new InvalidKeyConfiguration(
                    "PII key '"
                        + id
                        + "' has "
                        + key.length
                        + " bytes: an aes-gcm key has 32, an sm4-gcm key 16");
              }
            });
    if (encryption.active().length != algorithm.keyBytes) {
      throw new InvalidKeyConfiguration(
          "the active PII key '"
              + encryption.activeId()
              + "' has "
              + encryption.active().length
              + " bytes, but "
              + algorithm.id
              + " needs "
              + algorithm.keyBytes);
    }
    byte[] legacy = encryption.find(KeyRing.LEGACY).orElse(null);
    if (legacy != null && legacy.length != Algorithm.AES_GCM.keyBytes) {
      throw new InvalidKeyConfiguration(
          "the PII key '"
              + KeyRing.LEGACY
              + "' reads v1: values (AES-256-GCM) and must have 32 bytes");
    }
    hashing
        .all()
        .forEach(
            (id, key) -> {
              if (key.length != HASH_KEY_BYTES) {
                throw new InvalidKeyConfiguration(
                    "PII hash key '" + id + "' has " + key.length + " bytes, not 32");
              }
            });
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  /** The prefix of every value written now: {@code aes-gcm:k2:}. */
  public String activePrefix() {
    return algorithm.id + ":" + encryption.activeId() + ":";
  }

  /**
   * The reference stored as {@code idNumberHashKey} beside every hash made now: {@code
   * hmac-sha256:h2}.
   */
  public String activeHashKey() {
    return algorithm.hash.id + ":" + hashing.activeId();
  }

  /** Whether a stored value is under the active algorithm and key. */
  public boolean isCurrent(String stored) {
    return stored != null && stored.startsWith(activePrefix());
  }

  public String encrypt(String clear) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = algorithm.cipher();
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(encryption.active(), algorithm.keyAlgorithm),
          new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      return activePrefix()
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new PersonalDataException("cannot encrypt with " + activePrefix(), e);
    }
  }

  public String decrypt(String stored) {
    if (stored == null) {
      throw new PersonalDataException("no stored value to decrypt", null);
    }
    Algorithm named;
    String keyId;
    String payload;
    if (stored.startsWith(VERSION_1)) {
      named = Algorithm.AES_GCM;
      keyId = KeyRing.LEGACY;
      payload = stored.substring(VERSION_1.length());
    } else {
      String[] parts = stored.split(":", 3);
      if (parts.length != 3) {
        throw new PersonalDataException("a stored value names no algorithm and key", null);
      }
      named =
          java.util.Arrays.stream(Algorithm.values())
              .filter(a -> a.id.equals(parts[0]))
              .findFirst()
              .orElseThrow(
                  () ->
                      new PersonalDataException(
                          "a stored value names an unknown algorithm '" + parts[0] + "'", null));
      keyId = parts[1];
      payload = parts[2];
    }
    byte[] key =
        encryption
            .find(keyId)
            .orElseThrow(
                () ->
                    new PersonalDataException(
                        "a stored value names the key '"
                            + keyId
                            + "' ("
                            + named.id
                            + "), which is not configured: add it to PII_KEYS",
                        null));
    if (key.length != named.keyBytes) {
      throw new PersonalDataException(
          "the key '"
              + keyId
              + "' has "
              + key.length
              + " bytes, not a "
              + named.id
              + " key ("
              + named.keyBytes
              + ")",
          null);
    }
    try {
      byte[] all = Base64.getDecoder().decode(payload);
      if (all.length < IV_BYTES + TAG_BITS / 8) {
        throw new PersonalDataException("a stored value under '" + keyId + "' is too short", null);
      }
      Cipher cipher = named.cipher();
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, named.keyAlgorithm),
          new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(
          cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new PersonalDataException(
          "a stored value under '"
              + keyId
              + "' fails its authentication tag: tampered with or another key",
          e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new PersonalDataException("cannot decrypt a value under '" + keyId + "'", e);
    }
  }

  /** The keyed hash under the active hash key (hex). */
  public String hash(String clear) {
    return hash(algorithm.hash, hashing.active(), clear);
  }

  /**
   * The hashes a value may be stored under: every configured hash key, with either MAC (a
   * deployment may have moved between AES and SM4). Small: two per configured hash key.
   */
  public Set<String> hashCandidates(String clear) {
    Set<String> candidates = new LinkedHashSet<>();
    candidates.add(hash(clear));
    for (byte[] key : hashing.all().values()) {
      for (HashAlgorithm mac : HashAlgorithm.values()) {
        candidates.add(hash(mac, key, clear));
      }
    }
    return candidates;
  }

  private static String hash(HashAlgorithm algorithm, byte[] key, String clear) {
    try {
      Mac mac = algorithm.mac();
      mac.init(
          new SecretKeySpec(key, algorithm == HashAlgorithm.HMAC_SM3 ? "HMACSM3" : "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(clear.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new PersonalDataException("cannot hash with " + algorithm.id, e);
    }
  }

  private static KeyRing developmentEncryptionKeys(Algorithm algorithm) {
    log.warn(
        "PII keys not set: using development keys. Set PII_KEYS and PII_ACTIVE_KEY (or PII_ENCRYPTION_KEY) in production.");
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(KeyRing.LEGACY, development("encryption", 32));
    keys.put("dev-sm4", development("sm4", 16));
    return KeyRing.of(keys, algorithm == Algorithm.SM4_GCM ? "dev-sm4" : KeyRing.LEGACY);
  }

  private static KeyRing developmentHashKeys() {
    log.warn(
        "PII hash key not set: using a development key. Set PII_HASH_KEYS and PII_ACTIVE_HASH_KEY (or PII_HASH_KEY) in production.");
    return KeyRing.of(Map.of(KeyRing.LEGACY, development("hash", 32)), KeyRing.LEGACY);
  }

  private static byte[] development(String purpose, int bytes) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("fourinone-development-" + purpose).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String blankTo(String value, String otherwise) {
    return blank(value) ? otherwise : value;
  }

  /**
   * A stored value cannot be read or written; the message names keys and algorithms, never data.
   */
  public static final class PersonalDataException extends IllegalStateException {
    PersonalDataException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
