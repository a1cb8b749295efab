package org.fourinone.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

  private final Problems problems = new Problems(messages());

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void namesTheUnavailableServiceInChineseByDefault() {
    ProblemDetail problem =
        problems.serviceUnavailable(
            "public-service", "/api/public/residents", ProblemLocales.resolve(new HttpHeaders()));

    assertThat(problem.getStatus()).isEqualTo(503);
    assertThat(problem.getTitle()).isEqualTo("服务暂时不可用");
    assertThat(problem.getDetail()).isEqualTo("公共服务系统暂时不可用，请稍后再试");
    assertThat(problem.getInstance()).hasToString("/api/public/residents");
    assertThat(problem.getType())
        .hasToString("https://fourinone.org/problems/gateway.service-unavailable");
    assertThat(problem.getProperties()).containsEntry("service", "public-service");
  }

  @Test
  void namesTheUnavailableServiceInEnglishWhenTheClientPrefersEnglish() {
    ProblemDetail problem =
        problems.serviceUnavailable(
            "public-service",
            "/api/public/residents",
            ProblemLocales.resolve(acceptLanguage("en-US,en;q=0.9,zh-CN;q=0.5")));

    assertThat(problem.getDetail())
        .isEqualTo("The public-service system is temporarily unavailable, please try again later");
  }

  @Test
  void hasAChineseAndAnEnglishNameForEveryService() {
    for (String service :
        new String[] {
          "party-building-service", "public-service", "sanshe-service", "volunteer-service"
        }) {
      String zh = problems.serviceUnavailable(service, "/", Locale.SIMPLIFIED_CHINESE).getDetail();
      String en = problems.serviceUnavailable(service, "/", Locale.ENGLISH).getDetail();
      assertThat(zh).doesNotStartWith("上游服务").doesNotContain(service).endsWith("暂时不可用，请稍后再试");
      assertThat(en).doesNotStartWith("The upstream service").startsWith("The ");
    }
    assertThat(
            problems
                .serviceUnavailable("party-building-service", "/", Locale.SIMPLIFIED_CHINESE)
                .getDetail())
        .startsWith("党建信息系统");
    assertThat(
            problems
                .serviceUnavailable("sanshe-service", "/", Locale.SIMPLIFIED_CHINESE)
                .getDetail())
        .startsWith("三社联动系统");
    assertThat(
            problems
                .serviceUnavailable("volunteer-service", "/", Locale.SIMPLIFIED_CHINESE)
                .getDetail())
        .startsWith("志愿者服务系统");
  }

  @Test
  void fallsBackToChineseForOtherLanguagesAndUnparsableHeaders() {
    assertThat(ProblemLocales.resolve(acceptLanguage("fr-FR,de;q=0.8")))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(ProblemLocales.resolve(acceptLanguage("zh-TW,en;q=0.5")))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(ProblemLocales.resolve(acceptLanguage("fr, en;q=0.4"))).isEqualTo(Locale.ENGLISH);
    assertThat(ProblemLocales.resolve(acceptLanguage("en;q=0, zh")))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(ProblemLocales.resolve(acceptLanguage(";;;q=x")))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
  }

  @Test
  void statesTheBodyLimitInKilobytes() {
    ProblemDetail problem =
        problems.contentTooLarge(DataSize.ofKilobytes(256), "/api/sanshe/orders", Locale.ENGLISH);

    assertThat(problem.getStatus()).isEqualTo(413);
    assertThat(problem.getDetail()).isEqualTo("The request body must not exceed 256 KB");
  }

  @Test
  void namesTheTimedOutServiceWith504() {
    ProblemDetail problem =
        problems.upstreamTimeout("volunteer-service", "/api/volunteer/x", Locale.ENGLISH);

    assertThat(problem.getStatus()).isEqualTo(504);
    assertThat(problem.getDetail())
        .isEqualTo("The volunteer-service system did not answer in time, please try again later");
  }

  @Test
  void describesOtherGatewayErrorsWithoutInternals() {
    ProblemDetail rejected =
        problems.gatewayError(HttpStatus.METHOD_NOT_ALLOWED, "/x", Locale.SIMPLIFIED_CHINESE);
    ProblemDetail failed =
        problems.gatewayError(HttpStatus.INTERNAL_SERVER_ERROR, "/x", Locale.ENGLISH);

    assertThat(rejected.getDetail()).isEqualTo("网关无法处理该请求（HTTP 405）");
    assertThat(failed.getDetail())
        .isEqualTo("The gateway failed to process the request, please try again later");
  }

  @Test
  void asksForAValidTokenWithTheUnauthorizedCodeInBothLanguages() {
    ProblemDetail zh = problems.unauthorized("/api/public/residents", Locale.SIMPLIFIED_CHINESE);
    ProblemDetail en = problems.unauthorized("/api/public/residents", Locale.ENGLISH);

    assertThat(zh.getStatus()).isEqualTo(401);
    assertThat(zh.getProperties()).containsEntry("code", "gateway.unauthorized");
    assertThat(zh.getDetail()).isEqualTo("需要有效的访问令牌，请重新登录");
    assertThat(en.getDetail()).isEqualTo("A valid access token is required, please sign in again");
    assertThat(problems.forbidden("/x", Locale.ENGLISH).getProperties())
        .containsEntry("code", "gateway.forbidden");
  }

  @Test
  void tellsAThrottledClientWhenToTryAgain() {
    ProblemDetail zh = problems.tooManyRequests(3, "/api/sanshe/orders", Locale.SIMPLIFIED_CHINESE);
    ProblemDetail en = problems.tooManyRequests(3, "/api/sanshe/orders", Locale.ENGLISH);

    assertThat(zh.getStatus()).isEqualTo(429);
    assertThat(zh.getProperties()).containsEntry("code", "gateway.too-many-requests");
    assertThat(zh.getDetail()).isEqualTo("请求过于频繁，请 3 秒后再试");
    assertThat(en.getDetail()).isEqualTo("Too many requests, please try again in 3 s");
  }

  @Test
  void rendersTheRfc9457MembersInOrderFollowedByExtensions() {
    ProblemDetail problem =
        problems.serviceUnavailable("sanshe-service", "/api/sanshe/orders", Locale.ENGLISH);

    byte[] body = new ProblemResponses(json).toJson(problem);

    JsonNode node = json.readTree(body);
    assertThat(node.propertyNames())
        .containsExactly("type", "title", "status", "detail", "instance", "code", "service");
    assertThat(node.get("code").asString()).isEqualTo("gateway.service-unavailable");
    assertThat(node.get("status").asInt()).isEqualTo(503);
    assertThat(node.get("service").asString()).isEqualTo("sanshe-service");
  }

  private static HttpHeaders acceptLanguage(String value) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, value);
    return headers;
  }

  private static ResourceBundleMessageSource messages() {
    return (ResourceBundleMessageSource) new ProblemConfiguration().messageSource();
  }
}
