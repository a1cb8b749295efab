package org.fourinone.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link ProblemDetail} as {@code application/problem+json} in RFC 9457 member order. */
public class ProblemResponses {

  private final JsonMapper json;

  public ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  public Mono<Void> write(ServerHttpResponse response, ProblemDetail problem, Locale locale) {
    byte[] body = toJson(problem);
    response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.setContentLength(body.length);
    headers.setContentLanguage(locale);
    headers.setCacheControl("no-store");
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  public byte[] toJson(ProblemDetail problem) {
    Map<String, Object> members = new LinkedHashMap<>();
    if (problem.getType() != null) {
      members.put("type", problem.getType().toString());
    }
    members.put("title", problem.getTitle());
    members.put("status", problem.getStatus());
    members.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      members.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      members.putAll(problem.getProperties());
    }
    return json.writeValueAsBytes(members);
  }
}
