package org.fourinone.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import org.fourinone.kit.config.PlatformProperties;
import org.fourinone.kit.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks every request before it reaches a controller: bodies over the size limit get 413;
 * malformed JSON gets 400; any JSON member or query parameter whose name starts with {@code $}
 * (MongoDB operator injection, e.g. {@code {"residentId": {"$ne": null}}}) gets 400. Nothing is
 * written for a rejected request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestGuardFilter extends OncePerRequestFilter {

  private static final int MAX_DEPTH = 32;
  private final Problems problems;
  private final JsonMapper json;
  private final long maxBody;

  public RequestGuardFilter(Problems problems, PlatformProperties properties) {
    this.problems = problems;
    this.json = JsonMapper.builder().build();
    this.maxBody = properties.getMaxRequestBody().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Enumeration<String> names = request.getParameterNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      if (name.contains("$")) {
        reject(request, response, HttpStatus.BAD_REQUEST, "request.operator-injection", name);
        return;
      }
    }
    if (request.getContentLengthLong() > maxBody) {
      reject(request, response, HttpStatus.CONTENT_TOO_LARGE, "request.too-large", maxBody / 1024);
      return;
    }
    if (!isJson(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) maxBody + 1);
    if (body.length > maxBody) {
      reject(request, response, HttpStatus.CONTENT_TOO_LARGE, "request.too-large", maxBody / 1024);
      return;
    }
    if (body.length > 0) {
      JsonNode tree;
      try {
        tree = json.readTree(body);
      } catch (JacksonException e) {
        reject(request, response, HttpStatus.BAD_REQUEST, "request.malformed-json");
        return;
      }
      String operator = findOperator(tree, 0);
      if (operator != null) {
        reject(request, response, HttpStatus.BAD_REQUEST, "request.operator-injection", operator);
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    try {
      MediaType mediaType = MediaType.parseMediaType(type);
      return mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Returns the first member name that starts with '$', or null. */
  static String findOperator(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      return "(nesting deeper than " + MAX_DEPTH + ")";
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        if (member.getKey().startsWith("$")) {
          return member.getKey();
        }
        String nested = findOperator(member.getValue(), depth + 1);
        if (nested != null) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        String nested = findOperator(element, depth + 1);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  private void reject(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      Object... args)
      throws IOException {
    problems.write(request, response, problems.of(request, status, code, args));
  }

  /** The request with its body already read, so that the controller can read it again. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
