package org.fourinone.kit.personaldata;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The personal-data keys of a service that keeps ID numbers or phones. Each setting is read as a
 * {@code fourinone.personal-data.*} property, else from the environment variable named in
 * docs/security.md ({@code PII_ALGORITHM}, {@code PII_KEYS}, {@code PII_ACTIVE_KEY}, {@code
 * PII_ENCRYPTION_KEY}, {@code PII_HASH_KEYS}, {@code PII_ACTIVE_HASH_KEY}, {@code PII_HASH_KEY}).
 */
@Configuration(proxyBeanMethods = false)
public class PersonalDataConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PersonalData personalData(
      @Value("${fourinone.personal-data.algorithm:${PII_ALGORITHM:aes-gcm}}") String algorithm,
      @Value("${fourinone.personal-data.keys:${PII_KEYS:}}") String keys,
      @Value("${fourinone.personal-data.active-key:${PII_ACTIVE_KEY:}}") String activeKey,
      @Value("${fourinone.personal-data.encryption-key:${PII_ENCRYPTION_KEY:}}")
          String encryptionKey,
      @Value("${fourinone.personal-data.hash-keys:${PII_HASH_KEYS:}}") String hashKeys,
      @Value("${fourinone.personal-data.active-hash-key:${PII_ACTIVE_HASH_KEY:}}")
          String activeHashKey,
      @Value("${fourinone.personal-data.hash-key:${PII_HASH_KEY:}}") String hashKey) {
    return new PersonalData(
        new PersonalData.Settings(
            algorithm, keys, activeKey, encryptionKey, hashKeys, activeHashKey, hashKey));
  }
}
