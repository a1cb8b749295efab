package org.fourinone.publicservice.residents;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.personaldata.PersonalData;
import org.fourinone.kit.problem.Problem;
import org.fourinone.publicservice.geography.Geography;
import org.fourinone.testing.Http;
import org.fourinone.testing.Residents;
import org.fourinone.testing.TestInfrastructure;
import org.fourinone.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Key rotation against the wire-protocol MongoDB: residents registered by the running service under
 * k1/h1 are read and found after the ring rotates to k2/h2 (and on to SM4), and the re-encryption
 * job moves them there; the admin endpoint is audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataRotationIT {

  static final String K1 = PersonalDataKeys.aes();
  static final String K2 = PersonalDataKeys.aes();
  static final String S1 = PersonalDataKeys.sm4();
  static final String H1 = PersonalDataKeys.hash();
  static final String H2 = PersonalDataKeys.hash();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, "pii-rotation-" + UUID.randomUUID());
    registry.add("fourinone.personal-data.keys", () -> "k1=" + K1);
    registry.add("fourinone.personal-data.active-key", () -> "k1");
    registry.add("fourinone.personal-data.hash-keys", () -> "h1=" + H1);
    registry.add("fourinone.personal-data.active-hash-key", () -> "h1");
    registry.add("fourinone.personal-data.reencrypt-batch-size", () -> "2");
  }

  @LocalServerPort int port;
  @Autowired MongoDatabase database;
  @Autowired Geography geography;
  @Autowired IdempotencyKeys idempotency;
  @Autowired AuditTrail audit;
  @Autowired ResidentRegistry registry;
  Http admin;

  @BeforeEach
  void setUp() {
    admin =
        new Http("http://localhost:" + port)
            .as(TestTokens.bearer(TestTokens.of("DISTRICT_ADMIN", "admin")));
  }

  @AfterEach
  void clearCaller() {
    SecurityContextHolder.clearContext();
  }

  record Registered(String residentId, String idNumber, String phone) {}

  Registered register() {
    Map<String, Object> body = Residents.aResident("C-DZM-01");
    var created = admin.post("/api/public/residents", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return new Registered(
        created.json().get("residentId").asText(),
        (String) body.get("idNumber"),
        (String) body.get("phone"));
  }

  Document stored(String residentId) {
    return registry.collection().find(eq("_id", residentId)).first();
  }

  static PersonalData ring(String algorithm, String active, String activeHash) {
    return new PersonalData(
        PersonalDataKeys.settings(
            algorithm,
            "k1=" + K1 + ",k2=" + K2 + ",s1=" + S1,
            active,
            "h1=" + H1 + ",h2=" + H2,
            activeHash));
  }

  void actAsAdministrator() {
    Jwt jwt =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("admin")
            .claim("roles", List.of("DISTRICT_ADMIN"))
            .build();
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
  }

  @Test
  void rotatesFromK1ToK2AndOnToSm4KeepingEveryClearValueAndFindingDuplicates() {
    List<Registered> residents =
        List.of(register(), register(), register(), register(), register());
    Registered first = residents.get(0);
    Document before = stored(first.residentId());
    assertThat(before.getString("idNumberEncrypted")).startsWith("aes-gcm:k1:");
    assertThat(before.getString("phoneEncrypted")).startsWith("aes-gcm:k1:");
    assertThat(before.getString("idNumberHashKey")).isEqualTo("hmac-sha256:h1");

    PersonalData rotated = ring("aes-gcm", "k2", "h2");
    ResidentRegistry rotatedRegistry =
        new ResidentRegistry(database, geography, rotated, idempotency, audit);
    actAsAdministrator();
    RegisterResidentRequest twice =
        new RegisterResidentRequest(
            "王秀兰",
            first.idNumber(),
            (String) Residents.aResident("C-DZM-01").get("phone"),
            "C-DZM-01",
            "东直门内大街1号");
    assertThatThrownBy(() -> rotatedRegistry.register(twice, null))
        .as("a duplicate is found under the old hash key")
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("resident.already-registered"));

    var job = new PersonalDataRotation(registry.collection(), rotated, audit, 2);
    var report = job.reEncryptAll("test");
    assertThat(report.rewritten()).isGreaterThanOrEqualTo(residents.size());
    assertThat(report.failed()).isZero();
    assertThat(report.activeKey()).isEqualTo("aes-gcm:k2");
    for (Registered r : residents) {
      Document after = stored(r.residentId());
      assertThat(after.getString("idNumberEncrypted")).startsWith("aes-gcm:k2:");
      assertThat(after.getString("phoneEncrypted")).startsWith("aes-gcm:k2:");
      assertThat(after.getString("idNumberHashKey")).isEqualTo("hmac-sha256:h2");
      assertThat(after.getString("idNumberHash")).isEqualTo(rotated.hash(r.idNumber()));
      assertThat(rotated.decrypt(after.getString("idNumberEncrypted"))).isEqualTo(r.idNumber());
      assertThat(rotated.decrypt(after.getString("phoneEncrypted"))).isEqualTo(r.phone());
    }
    assertThatThrownBy(() -> rotatedRegistry.register(twice, null))
        .as("and under the new one after re-hashing")
        .isInstanceOf(Problem.class);

    var second = job.reEncryptAll("test");
    assertThat(second.rewritten()).as("idempotent").isZero();
    assertThat(second.alreadyCurrent()).isEqualTo(second.scanned());

    PersonalData sm4 = ring("sm4-gcm", "s1", "h2");
    var toSm4 = new PersonalDataRotation(registry.collection(), sm4, audit, 2).reEncryptAll("test");
    assertThat(toSm4.failed()).isZero();
    Document national = stored(first.residentId());
    assertThat(national.getString("idNumberEncrypted")).startsWith("sm4-gcm:s1:");
    assertThat(national.getString("idNumberHashKey")).isEqualTo("hmac-sm3:h2");
    assertThat(sm4.decrypt(national.getString("phoneEncrypted"))).isEqualTo(first.phone());
    assertThatThrownBy(
            () ->
                new ResidentRegistry(database, geography, sm4, idempotency, audit)
                    .register(twice, null))
        .isInstanceOf(Problem.class);
  }

  @Test
  void readsAndRewritesTheFirstFormAndCountsWhatItCannotRead() {
    Registered r = register();
    PersonalData legacyRing =
        new PersonalData(
            new PersonalData.Settings("aes-gcm", "k1=" + K1, "k1", K2, "h1=" + H1, "h1", ""));
    String asLegacy = new PersonalData(K2, H1).encrypt(r.idNumber());
    String v1 = "v1:" + asLegacy.substring("aes-gcm:legacy:".length());
    registry
        .collection()
        .updateOne(eq("_id", r.residentId()), Updates.set("idNumberEncrypted", v1));
    Registered unreadable = register();
    registry
        .collection()
        .updateOne(
            eq("_id", unreadable.residentId()),
            Updates.set("phoneEncrypted", ring("aes-gcm", "k2", "h1").encrypt(unreadable.phone())));

    var report =
        new PersonalDataRotation(registry.collection(), legacyRing, audit, 50).reEncryptAll("test");
    assertThat(stored(r.residentId()).getString("idNumberEncrypted")).startsWith("aes-gcm:k1:");
    assertThat(legacyRing.decrypt(stored(r.residentId()).getString("idNumberEncrypted")))
        .isEqualTo(r.idNumber());
    assertThat(report.failed())
        .as("a phone under k2, which this ring lacks")
        .isGreaterThanOrEqualTo(1);
    assertThat(stored(unreadable.residentId()).getString("phoneEncrypted"))
        .as("left as it was")
        .startsWith("aes-gcm:k2:");
  }

  @Test
  void theAdministratorReEncryptsThroughTheApiAndItIsAudited() {
    Registered r = register();
    // a record from before idNumberHashKey existed: its hash is re-made and named
    registry.collection().updateOne(eq("_id", r.residentId()), Updates.unset("idNumberHashKey"));
    String underK1 = stored(r.residentId()).getString("phoneEncrypted");

    var response = admin.post("/api/public/admin/personal-data/re-encrypt", Map.of());
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.json().get("activeKey").asText()).isEqualTo("aes-gcm:k1");
    assertThat(response.json().get("rewritten").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stored(r.residentId()).getString("idNumberHashKey")).isEqualTo("hmac-sha256:h1");
    assertThat(stored(r.residentId()).getString("phoneEncrypted")).isEqualTo(underK1);

    var personal = admin.get("/api/public/residents/" + r.residentId() + "/personal-data");
    assertThat(personal.json().get("phone").asText()).isEqualTo(r.phone());

    var log = admin.get("/api/public/audit-log?targetId=personal-data");
    assertThat(log.status()).as(log.text()).isEqualTo(200);
    assertThat(log.text())
        .contains(PersonalDataRotation.AUDIT_ACTION)
        .contains("\"actor\":\"admin\"");

    var worker =
        new Http("http://localhost:" + port)
            .as(
                TestTokens.bearer(
                    TestTokens.worker("COMMUNITY_WORKER", "cw-1", "C-DZM-01", "S-DZM")));
    assertThat(worker.post("/api/public/admin/personal-data/re-encrypt", Map.of()).status())
        .isEqualTo(403);
  }
}
