package org.fourinone.kit.personaldata;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named keys for one purpose (encryption or the keyed hash) and the one used for new values.
 * Configured as {@code k1=<base64>,k2=<base64>} plus the active id; the single-key shorthand is the
 * key named {@value #LEGACY}.
 */
public final class KeyRing {

  /**
   * The id of the single configured key ({@code PII_ENCRYPTION_KEY}, {@code PII_HASH_KEY}) and of
   * {@code v1:} values.
   */
  public static final String LEGACY = "legacy";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final Map<String, byte[]> keys;
  private final String active;

  private KeyRing(Map<String, byte[]> keys, String active) {
    this.keys = Collections.unmodifiableMap(keys);
    this.active = active;
  }

  /**
   * @param setting the name of the entries' setting, for messages ({@code PII_KEYS})
   * @param entries {@code id=base64} entries, comma-separated; may be blank
   * @param activeSetting the name of the active id's setting ({@code PII_ACTIVE_KEY})
   * @param active the active id; may be blank when there is one key only
   * @param single the single-key shorthand's value (base64); added as {@value #LEGACY}; may be
   *     blank
   */
  public static KeyRing parse(
      String setting, String entries, String activeSetting, String active, String single) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    if (entries != null && !entries.isBlank()) {
      for (String entry : entries.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        int eq = entry.indexOf('=');
        if (eq < 0) {
          throw new InvalidKeyConfiguration(setting + ": an entry is not of the form id=base64key");
        }
        String id = entry.substring(0, eq).trim();
        if (!ID.matcher(id).matches()) {
          throw new InvalidKeyConfiguration(
              setting + ": key id '" + id + "' must be 1-32 of A-Z a-z 0-9 _ -");
        }
        if (keys.put(id, decode(setting + " key " + id, entry.substring(eq + 1))) != null) {
          throw new InvalidKeyConfiguration(setting + ": key id '" + id + "' appears twice");
        }
      }
    }
    if (single != null && !single.isBlank()) {
      byte[] legacy = decode("the single key", single);
      byte[] named = keys.putIfAbsent(LEGACY, legacy);
      if (named != null && !java.util.Arrays.equals(named, legacy)) {
        throw new InvalidKeyConfiguration(
            setting + " names a key '" + LEGACY + "' other than the single-key setting");
      }
    }
    String chosen = active == null ? "" : active.trim();
    if (chosen.isEmpty()) {
      if (keys.size() != 1) {
        throw new InvalidKeyConfiguration(
            activeSetting + " must name the key for new values, one of " + keys.keySet());
      }
      chosen = keys.keySet().iterator().next();
    }
    if (!keys.containsKey(chosen)) {
      throw new InvalidKeyConfiguration(
          activeSetting + " names key '" + chosen + "', which is not among " + keys.keySet());
    }
    return new KeyRing(keys, chosen);
  }

  /** A ring of development keys (no configuration): fixed, public, for local runs only. */
  public static KeyRing of(Map<String, byte[]> keys, String active) {
    return new KeyRing(new LinkedHashMap<>(keys), active);
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  public String activeId() {
    return active;
  }

  public byte[] active() {
    return keys.get(active);
  }

  public Optional<byte[]> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public Map<String, byte[]> all() {
    return keys;
  }

  private static byte[] decode(String what, String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyConfiguration(what + " is not valid base64");
    }
  }

  /**
   * The keys are misconfigured: the service refuses to start. Messages never contain key material.
   */
  public static final class InvalidKeyConfiguration extends IllegalStateException {
    InvalidKeyConfiguration(String message) {
      super(message);
    }
  }
}
