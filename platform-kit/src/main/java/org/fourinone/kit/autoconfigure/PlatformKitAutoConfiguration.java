package org.fourinone.kit.autoconfigure;

import org.fourinone.kit.audit.AuditConfiguration;
import org.fourinone.kit.config.PlatformProperties;
import org.fourinone.kit.consumer.EventConsumerConfiguration;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.mongo.MongoConfiguration;
import org.fourinone.kit.outbox.OutboxConfiguration;
import org.fourinone.kit.personaldata.PersonalDataConfiguration;
import org.fourinone.kit.problem.ProblemHandling;
import org.fourinone.kit.problem.Problems;
import org.fourinone.kit.security.SecurityConfiguration;
import org.fourinone.kit.web.OpenApiConfiguration;
import org.fourinone.kit.web.RequestGuardFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Service defaults every system gets by depending on the kit: its database, event failure handling
 * with dead letters, RFC 9457 problems, the request guard, token validation, idempotency keys, the
 * audit trail and the OpenAPI document. Every bean here can be replaced by a service's own.
 */
@AutoConfiguration
@EnableConfigurationProperties(PlatformProperties.class)
@Import({
  MongoConfiguration.class,
  OutboxConfiguration.class,
  EventConsumerConfiguration.class,
  Problems.class,
  ProblemHandling.class,
  RequestGuardFilter.class,
  IdempotencyKeys.class,
  SecurityConfiguration.class,
  OpenApiConfiguration.class,
  AuditConfiguration.class,
  PersonalDataConfiguration.class
})
public class PlatformKitAutoConfiguration {}
