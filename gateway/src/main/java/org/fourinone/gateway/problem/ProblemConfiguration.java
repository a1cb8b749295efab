package org.fourinone.gateway.problem;

import java.nio.charset.StandardCharsets;
import org.fourinone.gateway.limits.RequestBodyProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

  @Bean
  MessageSource messageSource() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    messages.setFallbackToSystemLocale(false);
    messages.setDefaultLocale(ProblemLocales.DEFAULT);
    return messages;
  }

  @Bean
  Problems problems(MessageSource messageSource) {
    return new Problems(messageSource);
  }

  @Bean
  ProblemResponses problemResponses(JsonMapper jsonMapper) {
    return new ProblemResponses(jsonMapper);
  }

  @Bean
  GatewayErrorHandler gatewayErrorHandler(
      Problems problems, ProblemResponses responses, RequestBodyProperties requestBody) {
    return new GatewayErrorHandler(problems, responses, requestBody);
  }
}
