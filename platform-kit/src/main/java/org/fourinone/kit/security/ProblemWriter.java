package org.fourinone.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fourinone.kit.problem.Problems;
import org.springframework.http.HttpStatus;

/** Writes the security filter chain's 401 and 403 as problem+json, with the Bearer challenge. */
final class ProblemWriter {
  private final Problems problems;

  ProblemWriter(Problems problems) {
    this.problems = problems;
  }

  void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
      throws IOException {
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    problems.write(request, response, problems.of(request, status, code));
  }
}
