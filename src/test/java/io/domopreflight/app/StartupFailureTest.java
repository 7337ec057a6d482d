package io.domopreflight.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What a user reads when the HTTP port cannot be opened, from real bind failures. */
@DisplayName("A start-up failure to listen")
class StartupFailureTest {

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
  @DisplayName("names the port when another process holds it")
  void portInUse() throws Exception {
    HttpServer first = vertx.createHttpServer().requestHandler(r -> r.response().end())
        .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    int port = first.actualPort();

    Throwable failure = bindIn(Vertx.vertx(), "127.0.0.1", port);

    assertThat(StartupFailure.describe(failure, "127.0.0.1", port))
        .isEqualTo("port " + port + " is already in use; pick another with --port N or PREFLIGHT_HTTP_PORT");
  }

  @Test
  @DisplayName("names the host, not the port, when the address is not one of this machine's")
  void foreignAddress() throws Exception {
    // 192.0.2.0/24 is reserved for documentation: no machine has it.
    Throwable failure = bindIn(Vertx.vertx(), "192.0.2.7", 0);

    assertThat(StartupFailure.describe(failure, "192.0.2.7", 0))
        .startsWith("192.0.2.7 is not an address of this machine").doesNotContain("in use");
  }

  @Test
  @DisplayName("is found before anything starts when the port is taken or the host is not this machine's")
  void probesThePortFirst() throws Exception {
    HttpServer taken = vertx.createHttpServer().requestHandler(r -> r.response().end())
        .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);

    assertThat(StartupFailure.unusablePort("127.0.0.1", taken.actualPort())).contains("already in use");
    assertThat(StartupFailure.unusablePort("192.0.2.7", 8080)).startsWith("192.0.2.7 is not an address");
    assertThat(StartupFailure.unusablePort("127.0.0.1", 0)).isNull();
  }

  /** Listens in a Vert.x instance of its own, which cannot share a port another instance holds, then closes it. */
  private static Throwable bindIn(Vertx other, String host, int port) throws Exception {
    try {
      return catchThrowable(() -> other.createHttpServer().requestHandler(r -> r.response().end())
          .listen(port, host).await(5, TimeUnit.SECONDS));
    } finally {
      other.close().await(10, TimeUnit.SECONDS);
    }
  }
}
