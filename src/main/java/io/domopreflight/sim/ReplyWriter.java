package io.domopreflight.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Sends a {@link Reply}, reshaped by the body faults of the request (truncation, wrong shape, BOM, content-type lie,
 * trickling, reset). Streamed bodies respect back-pressure so nothing large is ever buffered, and no step blocks.
 */
final class ReplyWriter {

  private static final Buffer BOM = Buffer.buffer(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
  private static final long TRICKLE_TICK_MS = 100;

  private final Vertx vertx;

  ReplyWriter(Vertx vertx) {
    this.vertx = vertx;
  }

  void send(RoutingContext ctx, Reply reply) {
    send(ctx, reply, List.of());
  }

  void send(RoutingContext ctx, Reply reply, List<Fault> faults) {
    HttpServerResponse response = ctx.response();
    if (response.closed() || response.ended()) {
      return;
    }
    writeHead(response, reply, has(faults, Fault.Kind.CONTENT_TYPE_LIE));

    Buffer whole = reply.isStreamed() ? null : reshape(reply.body(), faults);
    ChunkSource source = reply.isStreamed() ? reply.stream() : ChunkSource.of(whole);
    if (reply.isStreamed() && has(faults, Fault.Kind.TRUNCATED_JSON)) {
      source = firstChunkOnly(source);
    }
    if (has(faults, Fault.Kind.BOM)) {
      source = prefixed(BOM, source);
    }

    Fault trickle = find(faults, Fault.Kind.TRICKLE);
    if (has(faults, Fault.Kind.RESET)) {
      resetMidway(ctx, source);
    } else if (trickle != null) {
      response.setChunked(true);
      trickle(response, source, Math.max(1, trickle.argument() * TRICKLE_TICK_MS / 1000));
    } else if (!reply.isStreamed() && !has(faults, Fault.Kind.BOM)) {
      response.end(whole);
    } else {
      response.setChunked(true);
      pump(response, source);
    }
  }

  private static void writeHead(HttpServerResponse response, Reply reply, boolean lie) {
    response.setStatusCode(reply.status());
    response.putHeader("Server", "nginx");
    if (reply.contentType() != null) {
      boolean json = reply.contentType().startsWith("application/json");
      response.putHeader("Content-Type", lie && json ? "text/html;charset=UTF-8" : reply.contentType());
    }
    reply.headers().forEach(response::putHeader);
  }

  /** Applies the faults that change a whole body: the wrong top-level shape and a cut in the middle. */
  private static Buffer reshape(Buffer body, List<Fault> faults) {
    Buffer result = body == null ? Buffer.buffer() : body;
    if (has(faults, Fault.Kind.WRONG_SHAPE) && result.length() > 0 && result.getByte(0) == '[') {
      result = Buffer.buffer("{\"datasets\":").appendBuffer(result).appendString("}");
    }
    if (has(faults, Fault.Kind.TRUNCATED_JSON) && result.length() > 1) {
      result = result.getBuffer(0, result.length() / 2);
    }
    return result;
  }

  /** Writes as fast as the client reads, never queueing more than the response's write queue allows. */
  private void pump(HttpServerResponse response, ChunkSource source) {
    while (!response.closed()) {
      if (response.writeQueueFull()) {
        response.drainHandler(v -> pump(response, source));
        return;
      }
      Buffer chunk = source.next();
      if (chunk == null) {
        response.end();
        return;
      }
      response.write(chunk);
    }
  }

  private void trickle(HttpServerResponse response, ChunkSource source, long bytesPerTick) {
    Buffer[] pending = {Buffer.buffer()};
    vertx.setPeriodic(TRICKLE_TICK_MS, timer -> {
      if (response.closed()) {
        vertx.cancelTimer(timer);
        return;
      }
      while (pending[0] != null && pending[0].length() < bytesPerTick) {
        Buffer next = source.next();
        if (next == null) {
          break;
        }
        pending[0] = pending[0].appendBuffer(next);
      }
      int size = (int) Math.min(bytesPerTick, pending[0].length());
      response.write(pending[0].getBuffer(0, size));
      pending[0] = pending[0].getBuffer(size, pending[0].length());
      if (pending[0].length() == 0) {
        vertx.cancelTimer(timer);
        response.end();
      }
    });
  }

  /** Sends the status, headers and part of the body, then drops the connection like a crashed proxy would. */
  private static void resetMidway(RoutingContext ctx, ChunkSource source) {
    Buffer first = source.next();
    Buffer part = first == null ? Buffer.buffer(" ") : first.getBuffer(0, Math.max(1, first.length() / 2));
    ctx.response().setChunked(true);
    ctx.response().write(part).onComplete(done -> ctx.request().connection().close());
  }

  private static ChunkSource firstChunkOnly(ChunkSource source) {
    boolean[] given = {false};
    return () -> {
      if (given[0]) {
        return null;
      }
      given[0] = true;
      return source.next();
    };
  }

  private static ChunkSource prefixed(Buffer prefix, ChunkSource source) {
    boolean[] given = {false};
    return () -> {
      if (given[0]) {
        return source.next();
      }
      given[0] = true;
      return prefix.copy();
    };
  }

  static boolean has(List<Fault> faults, Fault.Kind kind) {
    return find(faults, kind) != null;
  }

  static Fault find(List<Fault> faults, Fault.Kind kind) {
    return faults.stream().filter(f -> f.kind() == kind).findFirst().orElse(null);
  }
}
