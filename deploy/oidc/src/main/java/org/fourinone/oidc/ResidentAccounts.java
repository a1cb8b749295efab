package org.fourinone.oidc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Residents' logins, read from {@code <dataDir>/residents.json} at every login so that the demo
 * loader can add people while the provider runs. The file is a JSON array of {@code {"username",
 * "name", "residentId", "communityId", "streetId"}}; the password is the demo one.
 */
public final class ResidentAccounts {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResidentLogin(
      String username, String name, String residentId, String communityId, String streetId) {}

  private static final TypeReference<List<ResidentLogin>> LIST = new TypeReference<>() {};

  private final Path file;
  private final JsonMapper json = JsonMapper.builder().build();

  public ResidentAccounts(Path file) {
    this.file = file;
  }

  public Optional<Account> find(String username) {
    return all().stream().filter(account -> account.username().equals(username)).findFirst();
  }

  /**
   * Every resident in the file; none when it is missing. A broken file fails loudly (the login then
   * fails).
   */
  public List<Account> all() {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return json.readValue(file.toFile(), LIST).stream()
        .filter(login -> login.username() != null && login.residentId() != null)
        .map(
            login ->
                Account.resident(
                    login.username(),
                    login.name(),
                    login.residentId(),
                    login.communityId(),
                    login.streetId()))
        .toList();
  }
}
