package io.domopreflight.domo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** One exchange against small loopback servers that misbehave in ways the simulator cannot show from outside. */
@DisplayName("A Domo exchange")
class DomoHttpTest {

  private static final OutboundGuard LOOPBACK = new OutboundGuard(
      AllowedHosts.of(List.of("http://127.0.0.1", "https://127.0.0.1")), name -> Future.failedFuture("no DNS here"));

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("closes its connection when the deadline passes, so nothing is left running")
  void closesTheConnectionAtTheDeadline() throws Exception {
    AtomicLong closedAt = new AtomicLong();
    HttpServer server = listen(vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/warm-up")) {
        request.response().end("[]");
      } else {
        request.connection().closeHandler(v -> closedAt.set(System.nanoTime()));
      }
    }));
    DomoHttp http = new DomoHttp(vertx, 65_536, LOOPBACK, 8);
    ApiHost host = ApiHost.parse("http://127.0.0.1:" + server.actualPort());
    // The first exchange of a JVM loads the HTTP client's classes on the event loop; that is not under test, and on a
    // shared CI machine it has taken several seconds, so it gets all the time it needs.
    http.exchange(host, DomoCall.get("/warm-up", "warm-up"), null, Deadline.in(30_000)).await(30, TimeUnit.SECONDS);
    long deadlineMs = 300;

    long startedAt = System.nanoTime();
    Throwable failure = catchThrowable(() -> http.exchange(host, DomoCall.get("/v1/datasets", "GET /v1/datasets"),
        null, Deadline.in(deadlineMs)).await(5, TimeUnit.SECONDS));
    long failedAfterMs = (System.nanoTime() - startedAt) / 1_000_000;
    waitFor(() -> closedAt.get() != 0, 3_000);

    assertThat(failure).isInstanceOfSatisfying(DomoCallException.class,
        e -> assertThat(e.kind()).isEqualTo(DomoCallException.Kind.TIMEOUT));
    // Never before the deadline; the upper bounds leave room for a busy machine, yet sit far below the 5 s a hung
    // exchange would take.
    assertThat(failedAfterMs).isBetween(deadlineMs - 50, deadlineMs + 1_500);
    // The server sees the connection go soon after the deadline, not at some idle timeout much later.
    assertThat((closedAt.get() - startedAt) / 1_000_000).isLessThan(deadlineMs + 2_000);
  }

  @Test
  @DisplayName("reads no more than its cap of a 100 MB answer and then drops the connection")
  void readsOnlyTheCapOfAHugeBody() throws Exception {
    AtomicLong written = new AtomicLong();
    AtomicLong closedAt = new AtomicLong();
    HttpServer server = listen(vertx.createHttpServer().requestHandler(request -> {
      request.connection().closeHandler(v -> closedAt.set(System.nanoTime()));
      HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
      stream(response, 100L * 1024 * 1024, written);
    }));
    int cap = 64 * 1024;
    DomoHttp http = new DomoHttp(vertx, cap, LOOPBACK, 8);

    DomoResponse answer = http.exchange(ApiHost.parse("http://127.0.0.1:" + server.actualPort()),
        DomoCall.get("/v1/datasets", "GET /v1/datasets"), null, Deadline.in(5_000)).await(10, TimeUnit.SECONDS);
    waitFor(() -> closedAt.get() != 0, 2_000);

    assertThat(answer.truncated()).isTrue();
    assertThat(answer.body().length()).isEqualTo(cap);
    assertThat(closedAt.get()).isNotZero();
    // What the server managed to write before the reset: socket buffers, never the 100 MB.
    assertThat(written.get()).isLessThan(16L * 1024 * 1024);
    System.out.printf("100 MB answer: read %d bytes, server wrote %d bytes before the reset%n",
        answer.body().length(), written.get());
  }

  @Test
  @DisplayName("fails with a TLS error, not a hang or a silent pass, against a certificate it does not trust")
  void refusesAnUntrustedCertificate() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("api.domo.test");
    HttpServer server = listen(vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(request -> request.response().end("[]")));
    DomoHttp http = new DomoHttp(vertx, 65_536, LOOPBACK, 8);

    Throwable failure = catchThrowable(() -> http.exchange(ApiHost.parse("https://127.0.0.1:" + server.actualPort()),
        DomoCall.get("/v1/datasets", "GET /v1/datasets"), null, Deadline.in(3_000)).await(5, TimeUnit.SECONDS));

    assertThat(failure).isInstanceOfSatisfying(DomoCallException.class, e -> {
      assertThat(e.kind()).isEqualTo(DomoCallException.Kind.TLS);
      assertThat(e.getMessage()).contains("TLS handshake failed");
    });
  }

  private HttpServer listen(HttpServer server) throws Exception {
    return server.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  /** Writes {@code size} bytes as fast as the client reads them, counting what was handed to the socket. */
  private static void stream(HttpServerResponse response, long size, AtomicLong written) {
    Buffer block = Buffer.buffer("[" + "{\"id\":\"0b6a1c3e\"},".repeat(400));
    while (!response.closed() && written.get() < size) {
      if (response.writeQueueFull()) {
        response.drainHandler(v -> stream(response, size, written));
        return;
      }
      response.write(block);
      written.addAndGet(block.length());
    }
    if (!response.closed()) {
      response.end();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, long maxMs) throws InterruptedException {
    long until = System.currentTimeMillis() + maxMs;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < until) {
      Thread.sleep(10);
    }
  }
}
