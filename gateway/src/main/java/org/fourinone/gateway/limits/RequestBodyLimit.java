package org.fourinone.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rejects request bodies over {@link RequestBodyProperties#maxSize()} with 413 before anything is
 * sent upstream when {@code Content-Length} declares them; a chunked body of unknown length is
 * counted while it streams through (never buffered) and the exchange fails with 413 once it crosses
 * the limit. SCG's own {@code RequestSize} filter checks only the header and answers with an empty
 * body, so it covers neither case the way the platform's clients expect.
 */
public class RequestBodyLimit implements GlobalFilter, Ordered {

  private final long maxBytes;

  public RequestBodyLimit(RequestBodyProperties properties) {
    this.maxBytes = properties.maxSize().toBytes();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    HttpHeaders headers = request.getHeaders();
    long declared = headers.getContentLength();
    if (declared > maxBytes) {
      return Mono.error(new ContentTooLargeException(null));
    }
    if (declared >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
      return chain.filter(exchange);
    }
    return chain.filter(exchange.mutate().request(new CountingRequest(request, maxBytes)).build());
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  private static final class CountingRequest extends ServerHttpRequestDecorator {

    private final long maxBytes;

    CountingRequest(ServerHttpRequest delegate, long maxBytes) {
      super(delegate);
      this.maxBytes = maxBytes;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      Flux<DataBuffer> body = super.getBody();
      return Flux.defer(
          () -> {
            AtomicLong seen = new AtomicLong();
            return body.handle(
                (buffer, sink) -> {
                  if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new ContentTooLargeException(null));
                  } else {
                    sink.next(buffer);
                  }
                });
          });
    }
  }
}
