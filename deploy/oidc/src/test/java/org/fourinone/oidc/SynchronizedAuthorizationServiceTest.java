package org.fourinone.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class SynchronizedAuthorizationServiceTest {

  private static final RegisteredClient CLIENT =
      RegisteredClient.withId("web")
          .clientId("fourinone-web")
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("http://127.0.0.1/callback")
          .build();

  /** Sign-ins at once: each saves its authorization request, finds it by state, removes it. */
  private static int failedLookUps(OAuth2AuthorizationService service) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        workers.add(
            pool.submit(
                () -> {
                  int failed = 0;
                  for (int i = 0; i < 5_000; i++) {
                    String state = UUID.randomUUID().toString();
                    OAuth2Authorization authorization =
                        OAuth2Authorization.withRegisteredClient(CLIENT)
                            .id(UUID.randomUUID().toString())
                            .principalName("cw-dzm-01")
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .attribute(OAuth2ParameterNames.STATE, state)
                            .build();
                    try {
                      service.save(authorization);
                      OAuth2Authorization found =
                          service.findByToken(
                              state, new OAuth2TokenType(OAuth2ParameterNames.STATE));
                      if (found == null) {
                        failed++;
                      }
                      service.remove(authorization);
                    } catch (java.util.ConcurrentModificationException e) {
                      failed++;
                    }
                  }
                  return failed;
                }));
      }
      int failed = 0;
      for (Future<Integer> worker : workers) {
        failed += worker.get();
      }
      return failed;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void findsEveryAuthorizationWhileOthersAreSavedAndRemovedAtTheSameTime() throws Exception {
    assertThat(failedLookUps(new SynchronizedAuthorizationService())).isZero();
  }

  @Test
  void theLibrarysOwnServiceFailsTheSameWorkload() throws Exception {
    // what the wrapper is for: if this ever passes, the library mended it and the wrapper can go
    Supplier<Integer> raw =
        () -> {
          try {
            return failedLookUps(new InMemoryOAuth2AuthorizationService());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    int failures = 0;
    for (int run = 0; run < 5 && failures == 0; run++) {
      failures = raw.get();
    }
    assertThat(failures).as("look-ups failed by the unsynchronized service").isPositive();
  }
}
