package io.domopreflight.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real {@code serve} JVM while slow runs are under way and clients follow them: the node drains, every
 * client still gets its {@code done} event, and the process exits 0 within the grace period.
 */
@DisplayName("serve on SIGTERM")
class GracefulShutdownIT {

  private static final int GRACE_SECONDS = 30;
  private static final int CLIENTS = 4;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<JarProcess> processes = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (JarProcess process : processes) {
      process.close();
    }
  }

  @Test
  @DisplayName("finishes its runs, ends every event stream with done and exits 0 within the grace")
  void drainsAndExits() throws Exception {
    int simulatorPort = simulator("--latency-ms", "800");
    int port = JarProcess.freePort();
    JarProcess serve = serve(port, GRACE_SECONDS);

    List<CompletableFuture<String>> streams = new ArrayList<>();
    for (JsonObject request : scenarioRequests("http://127.0.0.1:" + simulatorPort).subList(0, CLIENTS)) {
      String events = post(port, request).getJsonObject("links").getString("events");
      streams.add(follow(port, events));
    }
    // Every client is connected and has its first frames before the signal.
    Thread.sleep(300);

    long signalled = System.nanoTime();
    serve.process.destroy();
    HttpResponse<String> refused = awaitRefusal(port);
    boolean exited = serve.process.waitFor(GRACE_SECONDS + 10, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - signalled) / 1_000_000;
    System.out.println("SIGTERM to exit: " + tookMs + " ms");

    assertThat(exited).as("exited").isTrue();
    assertThat(serve.process.exitValue()).isZero();
    assertThat(tookMs).isLessThan(GRACE_SECONDS * 1000L);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("shutting-down");
    for (CompletableFuture<String> stream : streams) {
      assertThat(stream.get(5, TimeUnit.SECONDS)).contains("event: done");
    }
    assertThat(serve.lines()).as("runs were still going at the signal")
        .anyMatch(line -> line.matches(".*Taking no new runs; [1-9]\\d* still running here.*"));
    assertThat(serve.lines()).anyMatch(line -> line.contains("Shutdown begins"))
        .anyMatch(line -> line.contains("Shutdown complete in"));
  }

  @Test
  @DisplayName("with a grace shorter than a run, ends it with error/unavailable at the grace and still sends done")
  void endsWhatTheGraceLeaves() throws Exception {
    int simulatorPort = simulator();
    int port = JarProcess.freePort();
    JarProcess serve = serve(port, 1);
    // The DataSet list of this scenario never answers: only the end of the grace can end the run before its deadline.
    JsonObject hanging = scenarioRequests("http://127.0.0.1:" + simulatorPort).stream()
        .filter(request -> request.getString("clientId").equals("hanging-domo")).findFirst().orElseThrow();
    CompletableFuture<String> stream = follow(port, post(port, hanging).getJsonObject("links").getString("events"));
    Thread.sleep(500);

    long signalled = System.nanoTime();
    serve.process.destroy();
    boolean exited = serve.process.waitFor(30, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - signalled) / 1_000_000;

    assertThat(exited).as("exited").isTrue();
    assertThat(serve.process.exitValue()).isZero();
    // The grace, the ending of the run and Vert.x closing; the run's own deadline (30 s) is far beyond.
    assertThat(tookMs).isLessThan(15_000);
    String events = stream.get(5, TimeUnit.SECONDS);
    assertThat(events).contains("event: done").contains("was stopped before Datasets API had an answer");
    assertThat(serve.lines()).anyMatch(line -> line.contains("Ending 1 run(s) still going here"));
  }

  /** Starts the simulator with the given flags; returns its port. */
  private int simulator(String... flags) throws Exception {
    int simulatorPort = JarProcess.freePort();
    List<String> args = new ArrayList<>(List.of("simulator", "--port", "" + simulatorPort));
    args.addAll(List.of(flags));
    JarProcess simulator = started(JarProcess.start(Map.of(), args.toArray(String[]::new)));
    simulator.awaitLine("Domo simulator listening on", 30_000);
    return simulatorPort;
  }

  private JarProcess serve(int port, int graceSeconds) throws Exception {
    JarProcess serve = started(JarProcess.start(Map.of("PREFLIGHT_DOMO_ALLOWED_HOSTS", "api.domo.com,http://127.0.0.1",
        "PREFLIGHT_HTTP_HOST", "127.0.0.1", "PREFLIGHT_SHUTDOWN_GRACE_SECONDS", "" + graceSeconds), "serve",
        "--port", "" + port));
    awaitReady(port);
    return serve;
  }

  private JarProcess started(JarProcess process) {
    processes.add(process);
    return process;
  }

  private void awaitReady(int port) throws Exception {
    long until = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < until) {
      try {
        if (http.send(get(port, "/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new AssertionError("serve never became ready");
  }

  /** POSTs until the draining node refuses; the first ones after the signal may still reach it before it drains. */
  private HttpResponse<String> awaitRefusal(int port) throws Exception {
    JsonObject request = new JsonObject().put("clientId", "late").put("clientSecret", "late")
        .put("domoStats", new JsonObject());
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/preflights"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.encode()))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 503) {
        return response;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the node kept taking runs after SIGTERM");
  }

  private JsonObject post(int port, JsonObject request) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/preflights"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return new JsonObject(response.body());
  }

  /** Reads a whole event stream; completes with its text when the server ends it. */
  private CompletableFuture<String> follow(int port, String path) throws Exception {
    HttpResponse<Stream<String>> response = http.send(get(port, path), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    return CompletableFuture.supplyAsync(() -> String.join("\n", response.body().toList()));
  }

  private static List<JsonObject> scenarioRequests(String apiHost) throws Exception {
    try (InputStream in = GracefulShutdownIT.class.getClassLoader()
        .getResourceAsStream("sim/default-scenarios.json")) {
      JsonArray scenarios = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getJsonArray("scenarios");
      return scenarios.stream().map(JsonObject.class::cast)
          .map(s -> s.getJsonObject("request").copy().put("apiHost", apiHost)).toList();
    }
  }

  private static HttpRequest get(int port, String path) {
    return HttpRequest.newBuilder(uri(port, path)).GET().build();
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
