package org.fourinone.sanshe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * 三社联动系统: communities, social organisations and social workers; service orders from the 12
 * categories.
 */
@SpringBootApplication
public class SansheServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(SansheServiceApplication.class, args);
  }
}
