package org.fourinone.publicservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * 公共服务综合信息系统: the district's geography, the resident registry (一人一档) and government-affairs orders.
 */
@SpringBootApplication
public class PublicServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(PublicServiceApplication.class, args);
  }
}
