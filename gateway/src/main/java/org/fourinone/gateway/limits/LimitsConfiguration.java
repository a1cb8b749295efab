package org.fourinone.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;
import org.fourinone.gateway.problem.ProblemResponses;
import org.fourinone.gateway.problem.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

  @Bean
  RequestBodyLimit requestBodyLimit(RequestBodyProperties properties) {
    return new RequestBodyLimit(properties);
  }

  /** Run by the security chain after authentication (see SecurityConfiguration). */
  @Bean
  RateLimit rateLimit(
      RateLimitProperties properties,
      Problems problems,
      ProblemResponses responses,
      MeterRegistry meters) {
    return new RateLimit(properties, problems, responses, meters);
  }
}
