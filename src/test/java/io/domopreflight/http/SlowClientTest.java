package io.domopreflight.http;

import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients that start a request and never finish it must not hold a connection for as long as they like. */
@DisplayName("A client that stalls")
class SlowClientTest {

  private static LiveService service;

  @BeforeAll
  static void start() throws Exception {
    // The idle timeout is raised to cover ?wait=true (run deadline + 5 s), hence the short deadline here.
    service = LiveService.start(SimulatorConfig.defaults(), new JsonObject().put("http.bodyTimeoutSeconds", 1)
        .put("http.idleTimeoutSeconds", 1).put("run.deadlineMs", 1_000).put("sse.heartbeatSeconds", 0.5));
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  @Test
  @DisplayName("in the middle of a body gets 408 as problem+json after http.bodyTimeoutSeconds, then is cut off")
  void inTheBodyGetsARequestTimeout() throws Exception {
    long started = System.nanoTime();
    String answer = stall("POST /api/v1/preflights HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\n\r\n{\"clientId\":");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(answer).startsWith("HTTP/1.1 408 ");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("type"))
        .endsWith("/request-timeout");
    // Not before the body timeout, and closed by it rather than by the (7 s) idle timeout.
    assertThat(tookMs).isBetween(900L, 5_000L);
  }

  @Test
  @DisplayName("in the middle of its headers is disconnected once the connection has been idle too long")
  void inTheHeadersIsDisconnected() throws Exception {
    String answer = stall("GET /api/v1/checks HTTP/1.1\r\nHost: x\r\nAccept: appl");

    assertThat(answer).isEmpty();
  }

  /** Sends the start of a request, then nothing; answers what came back before the server closed the connection. */
  private static String stall(String start) throws Exception {
    NetClient client = service.engine.vertx.createNetClient();
    Promise<String> answer = Promise.promise();
    Buffer received = Buffer.buffer();
    client.connect(service.port, "127.0.0.1").onSuccess(socket -> {
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
      socket.write(Buffer.buffer(start.getBytes(StandardCharsets.ISO_8859_1)));
    }).onFailure(answer::tryFail);
    try {
      // Far beyond the 7 s the idle timeout is raised to here; a server that never hangs up fails the test.
      return answer.future().await(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }
}
