package org.fourinone.gateway.limits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	RequestBodyLimit requestBodyLimit(RequestBodyProperties properties) {
		return new RequestBodyLimit(properties);
	}

}
