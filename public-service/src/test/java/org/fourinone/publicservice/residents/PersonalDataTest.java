package org.fourinone.publicservice.residents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fourinone.publicservice.residents.PersonalDataKeys.aes;
import static org.fourinone.publicservice.residents.PersonalDataKeys.hash;
import static org.fourinone.publicservice.residents.PersonalDataKeys.random;
import static org.fourinone.publicservice.residents.PersonalDataKeys.settings;
import static org.fourinone.publicservice.residents.PersonalDataKeys.sm4;

import java.util.Base64;
import org.fourinone.kit.personaldata.KeyRing.InvalidKeyConfiguration;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.kit.personaldata.PersonalData.PersonalDataException;
import org.fourinone.testing.IdNumbers;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

  static final String K1 = aes();
  static final String K2 = aes();
  static final String S1 = sm4();
  static final String H1 = hash();
  static final String H2 = hash();

  static PersonalData aesUnder(String active) {
    return new PersonalData(
        settings("aes-gcm", "k1=" + K1 + ",k2=" + K2 + ",s1=" + S1, active, "h1=" + H1, "h1"));
  }

  @Test
  void aesGcmRoundTripNamesItsKey() {
    PersonalData pii = aesUnder("k1");
    String id = IdNumbers.valid();
    String stored = pii.encrypt(id);
    assertThat(stored).startsWith("aes-gcm:k1:").doesNotContain(id);
    assertThat(pii.decrypt(stored)).isEqualTo(id);
    assertThat(pii.encrypt(id)).as("a fresh IV per value").isNotEqualTo(stored);
  }

  @Test
  void sm4GcmRoundTripNamesItsKeyAndHashesWithHmacSm3() {
    PersonalData pii =
        new PersonalData(settings("sm4-gcm", "k1=" + K1 + ",s1=" + S1, "s1", "h1=" + H1, "h1"));
    String phone = IdNumbers.mobile();
    String stored = pii.encrypt(phone);
    assertThat(stored).startsWith("sm4-gcm:s1:").doesNotContain(phone);
    assertThat(pii.decrypt(stored)).isEqualTo(phone);
    assertThat(pii.activeHashKey()).isEqualTo("hmac-sm3:h1");
    PersonalData sha = aesUnder("k1");
    assertThat(pii.hash(phone)).hasSize(64).isNotEqualTo(sha.hash(phone));
    assertThat(pii.hashCandidates(phone))
        .as("either MAC under every hash key")
        .contains(sha.hash(phone), pii.hash(phone));
  }

  @Test
  void readsAValueWrittenUnderAnOlderKeyAfterRotation() {
    String id = IdNumbers.valid();
    String underK1 = aesUnder("k1").encrypt(id);
    PersonalData rotated = aesUnder("k2");
    assertThat(rotated.isCurrent(underK1)).isFalse();
    assertThat(rotated.decrypt(underK1)).isEqualTo(id);
    assertThat(rotated.encrypt(id)).startsWith("aes-gcm:k2:");
    PersonalData toSm4 =
        new PersonalData(settings("sm4-gcm", "k1=" + K1 + ",s1=" + S1, "s1", "h1=" + H1, "h1"));
    assertThat(toSm4.decrypt(underK1))
        .as("AES values stay readable in an SM4 deployment")
        .isEqualTo(id);
  }

  @Test
  void readsTheFirstFormAsTheSingleConfiguredKey() {
    String single = aes();
    PersonalData old = new PersonalData(single, H1);
    String id = IdNumbers.valid();
    String written = old.encrypt(id);
    assertThat(written).startsWith("aes-gcm:legacy:");
    String v1 = "v1:" + written.substring("aes-gcm:legacy:".length());
    PersonalData ring =
        new PersonalData(
            new PersonalData.Settings("aes-gcm", "k2=" + K2, "k2", single, "", "", H1));
    assertThat(ring.decrypt(v1)).isEqualTo(id);
    assertThat(ring.isCurrent(v1)).isFalse();
  }

  @Test
  void aValueNamingAKeyThatIsNotConfiguredFailsClearly() {
    String underK2 = aesUnder("k2").encrypt("13812345678");
    PersonalData withoutK2 = new PersonalData(settings("aes-gcm", "k1=" + K1, "", "h1=" + H1, ""));
    assertThatThrownBy(() -> withoutK2.decrypt(underK2))
        .isInstanceOf(PersonalDataException.class)
        .hasMessageContaining("'k2'")
        .hasMessageContaining("not configured");
    assertThatThrownBy(() -> withoutK2.decrypt("rot13:k1:abc"))
        .hasMessageContaining("unknown algorithm");
  }

  @Test
  void aSameNamedButDifferentKeyOrATamperedValueFailsItsTag() {
    PersonalData pii = aesUnder("k1");
    String stored = pii.encrypt("13812345678");
    byte[] raw = Base64.getDecoder().decode(stored.substring("aes-gcm:k1:".length()));
    raw[raw.length - 20] ^= 1;
    String tampered = "aes-gcm:k1:" + Base64.getEncoder().encodeToString(raw);
    assertThatThrownBy(() -> pii.decrypt(tampered))
        .isInstanceOf(PersonalDataException.class)
        .hasMessageContaining("authentication tag");
    PersonalData otherK1 =
        new PersonalData(settings("aes-gcm", "k1=" + aes(), "k1", "h1=" + H1, "h1"));
    assertThatThrownBy(() -> otherK1.decrypt(stored)).hasMessageContaining("authentication tag");

    PersonalData sm = new PersonalData(settings("sm4-gcm", "s1=" + S1, "s1", "h1=" + H1, "h1"));
    String sealed = sm.encrypt("13812345678");
    String flipped =
        sealed.substring(0, sealed.length() - 3)
            + (sealed.charAt(sealed.length() - 3) == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 2);
    assertThatThrownBy(() -> sm.decrypt(flipped)).isInstanceOf(PersonalDataException.class);
  }

  @Test
  void refusesWrongKeyLengthsAtStartUp() {
    assertThatThrownBy(
            () -> new PersonalData(settings("aes-gcm", "k1=" + S1, "k1", "h1=" + H1, "")))
        .isInstanceOf(InvalidKeyConfiguration.class)
        .hasMessageContaining("aes-gcm needs 32");
    assertThatThrownBy(
            () -> new PersonalData(settings("sm4-gcm", "k1=" + K1, "k1", "h1=" + H1, "")))
        .isInstanceOf(InvalidKeyConfiguration.class)
        .hasMessageContaining("sm4-gcm needs 16");
    assertThatThrownBy(
            () ->
                new PersonalData(
                    settings("aes-gcm", "k1=" + K1 + ",odd=" + random(24), "k1", "h1=" + H1, "")))
        .isInstanceOf(InvalidKeyConfiguration.class)
        .hasMessageContaining("'odd' has 24 bytes");
    assertThatThrownBy(
            () -> new PersonalData(settings("aes-gcm", "k1=" + K1, "k1", "h1=" + random(16), "")))
        .isInstanceOf(InvalidKeyConfiguration.class)
        .hasMessageContaining("hash key 'h1' has 16 bytes");
    assertThatThrownBy(() -> new PersonalData(random(16), H1))
        .isInstanceOf(InvalidKeyConfiguration.class);
  }

  @Test
  void refusesAnAmbiguousOrUnknownActiveKeyAndBadEntries() {
    assertThatThrownBy(
            () ->
                new PersonalData(settings("aes-gcm", "k1=" + K1 + ",k2=" + K2, "", "h1=" + H1, "")))
        .hasMessageContaining("PII_ACTIVE_KEY must name");
    assertThatThrownBy(
            () -> new PersonalData(settings("aes-gcm", "k1=" + K1, "k9", "h1=" + H1, "")))
        .hasMessageContaining("'k9', which is not among");
    assertThatThrownBy(
            () ->
                new PersonalData(
                    settings("aes-gcm", "k1=" + K1 + ",k1=" + K2, "k1", "h1=" + H1, "")))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> new PersonalData(settings("aes-gcm", "k:1=" + K1, "", "h1=" + H1, "")))
        .hasMessageContaining("key id");
    assertThatThrownBy(
            () -> new PersonalData(settings("aes-gcm", "k1=not base64!", "", "h1=" + H1, "")))
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining("not base64!");
    assertThatThrownBy(() -> new PersonalData(settings("des", "k1=" + K1, "", "h1=" + H1, "")))
        .hasMessageContaining("PII_ALGORITHM");
  }

  @Test
  void findsAHashMadeUnderAnOlderHashKey() {
    String id = IdNumbers.valid();
    PersonalData before = new PersonalData(settings("aes-gcm", "k1=" + K1, "k1", "h1=" + H1, "h1"));
    PersonalData after =
        new PersonalData(settings("aes-gcm", "k1=" + K1, "k1", "h1=" + H1 + ",h2=" + H2, "h2"));
    assertThat(after.activeHashKey()).isEqualTo("hmac-sha256:h2");
    assertThat(after.hash(id)).isNotEqualTo(before.hash(id));
    assertThat(after.hashCandidates(id)).contains(before.hash(id), after.hash(id));
  }

  @Test
  void runsWithDevelopmentKeysWhenNoneAreSet() {
    PersonalData dev = new PersonalData("", "");
    assertThat(dev.decrypt(dev.encrypt("13812345678"))).isEqualTo("13812345678");
    PersonalData devSm4 =
        new PersonalData(new PersonalData.Settings("sm4-gcm", "", "", "", "", "", ""));
    assertThat(devSm4.encrypt("x")).startsWith("sm4-gcm:dev-sm4:");
    assertThat(devSm4.decrypt(dev.encrypt("13812345678"))).isEqualTo("13812345678");
  }
}
