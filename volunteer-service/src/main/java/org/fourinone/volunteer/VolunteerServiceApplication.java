package org.fourinone.volunteer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** 志愿者服务系统: volunteers, teams and help requests (需求对接). */
@SpringBootApplication
public class VolunteerServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(VolunteerServiceApplication.class, args);
  }
}
