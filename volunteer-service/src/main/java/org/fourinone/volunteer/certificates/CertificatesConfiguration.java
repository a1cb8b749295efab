package org.fourinone.volunteer.certificates;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.fourinone.kit.audit.AuditTrail;
import org.fourinone.order.residents.ReferenceReplica;
import org.fourinone.volunteer.records.ServiceRecords;
import org.fourinone.volunteer.volunteers.Volunteers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CertificatesConfiguration {

  @Bean
  CertificatePdf certificatePdf(
      @Value("${fourinone.volunteer.certificates.fonts:}") List<String> fonts) {
    List<String> given = fonts.stream().filter(f -> !f.isBlank()).toList();
    return new CertificatePdf(given.isEmpty() ? CertificatePdf.DEFAULT_FONTS : given);
  }

  @Bean
  Certificates certificates(
      MongoDatabase database,
      Volunteers volunteers,
      ServiceRecords records,
      ReferenceReplica places,
      CertificatePdf pdf,
      AuditTrail audit,
      @Value("${fourinone.volunteer.certificates.issuer.name}") String name,
      @Value("${fourinone.volunteer.certificates.issuer.head}") String head,
      @Value("${fourinone.volunteer.certificates.issuer.handler}") String handler,
      @Value("${fourinone.volunteer.certificates.issuer.contact}") String contact,
      @Value("${fourinone.volunteer.certificates.verification-url}") String verificationUrl,
      @Value("${fourinone.volunteer.zone}") String zone) {
    return new Certificates(
        database,
        volunteers,
        records,
        places,
        pdf,
        new CertificateContent.Issuer(name, head, handler, contact),
        verificationUrl,
        audit,
        ZoneId.of(zone),
        Clock.systemUTC());
  }
}
