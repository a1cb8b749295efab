package org.fourinone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OidcLoginTest {

  @Test
  void derivesTheS256ChallengeAsBase64UrlOfTheSha256WithoutPadding() {
    // printf %s dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wW1gFWFOEjXk | openssl dgst -sha256 -binary | base64
    // | tr '+/' '-_' | tr -d =
    assertThat(OidcLogin.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wW1gFWFOEjXk"))
        .isEqualTo("bwWFMyPfdG9qreDhH2lmftFx_dFeLDalzcT1gb_j68g");
  }

  @Test
  void readsTheCsrfTokenOfSpringSecuritysLoginForm() {
    String form =
        """
                <form class="login-form" method="post" action="/login">
                  <input name="_csrf" type="hidden" value="a1b2-c3d4_e5" />
                </form>""";
    assertThat(OidcLogin.csrfToken(form)).contains("a1b2-c3d4_e5");
    assertThat(OidcLogin.csrfToken("<input type=\"hidden\" value=\"v-1\" name=\"_csrf\">"))
        .contains("v-1");
    assertThat(OidcLogin.csrfToken("<form></form>")).isEmpty();
  }

  @Test
  void namesTheIssuerWhenNothingAnswers() {
    assertThatThrownBy(
            () ->
                OidcLogin.accessToken(
                    "http://127.0.0.1:" + Ports.freePort(), "cw-dzm-01", "demo1234"))
        .isInstanceOf(OidcLogin.OidcLoginException.class)
        .hasMessageContaining("Cannot reach the identity provider");
  }

  @Test
  void namesDemoUsersAfterTheirCommunity() {
    assertThat(DemoData.communityWorker("C-JGM-03")).isEqualTo("cw-jgm-03");
    assertThat(DemoData.callCentreOperator("C-DZM-01")).isEqualTo("cc-dzm-01");
    assertThat(DemoData.residentUsername(0)).isEqualTo("resident-01");
    assertThat(DemoData.residentUsername(9)).isEqualTo("resident-10");
  }
}
