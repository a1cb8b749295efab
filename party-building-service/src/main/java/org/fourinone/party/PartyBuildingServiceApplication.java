package org.fourinone.party;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** 党建信息系统: party organisations and members; orders such as 微心愿 and 红色代办. */
@SpringBootApplication
public class PartyBuildingServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(PartyBuildingServiceApplication.class, args);
  }
}
