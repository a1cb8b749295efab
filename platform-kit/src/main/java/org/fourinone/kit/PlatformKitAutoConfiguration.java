package org.fourinone.kit;

import org.fourinone.kit.audit.AuditConfiguration;
import org.fourinone.kit.consumer.EventConsumerConfiguration;
import org.fourinone.kit.idempotency.IdempotencyKeys;
import org.fourinone.kit.mongo.MongoConfiguration;
import org.fourinone.kit.order.OrderConfiguration;
import org.fourinone.kit.reference.ReferenceConfiguration;
import org.fourinone.kit.security.SecurityConfiguration;
import org.fourinone.kit.web.OpenApiConfiguration;
import org.fourinone.kit.web.ProblemHandling;
import org.fourinone.kit.web.Problems;
import org.fourinone.kit.web.RequestGuardFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Service defaults every system gets by depending on the kit: its database, the event error
 * handling, RFC 9457 problems, the request guard, idempotency keys, the order contract and — for
 * every system but the one that owns them — replicas of residents and communities.
 */
@AutoConfiguration
@EnableConfigurationProperties(PlatformProperties.class)
@Import({
  MongoConfiguration.class,
  EventConsumerConfiguration.class,
  Problems.class,
  ProblemHandling.class,
  RequestGuardFilter.class,
  IdempotencyKeys.class,
  SecurityConfiguration.class,
  OpenApiConfiguration.class,
  AuditConfiguration.class,
  ReferenceConfiguration.class,
  OrderConfiguration.class
})
public class PlatformKitAutoConfiguration {}
