package io.domopreflight.cluster;

import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged service as it is deployed: three {@code serve --cluster} JVMs behind nginx (round robin), the Domo
 * simulator in a JVM of its own, and one node killed with SIGKILL while runs are under way. Needs the jar (run with
 * {@code mvn verify}) and nginx on the PATH; skipped with a message otherwise.
 */
@DisplayName("Three service processes behind nginx")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesIT {

  /** Every Domo call takes this long, so that runs are still under way when a node is killed. */
  private static final int DOMO_LATENCY_MS = 1_000;
  private static final String CLUSTER_NAME = "preflight-it-" + UUID.randomUUID();
  private static final List<String> SCENARIOS = List.of("all-passing", "case-variant-columns", "expired-token",
      "missing-dashboard-scope", "access-denied", "legacy-cards-report", "swapped-reports", "empty-report",
      "missing-column", "dataset-not-shared", "unknown-dataset", "wrong-secret");

  private static ChildProcesses children;
  private static Path jar;
  private static int clusterPort;
  private static int simulatorPort;
  private static int nginxPort;
  private static final List<Process> nodes = new ArrayList<>();
  private static final java.net.http.HttpClient blocking = java.net.http.HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static Vertx vertx;
  private static HttpClient streams;
  private static JsonArray scenarios;

  @BeforeAll
  static void start() throws Exception {
    jar = Path.of(System.getProperty("preflight.jar", "target/domo-preflight.jar")).toAbsolutePath();
    assumeTrue(Files.exists(jar), "Skipped: " + jar + " is missing; run `mvn verify`, which packages it first.");
    Path nginx = Nginx.executable();
    assumeTrue(nginx != null, "Skipped: nginx is not installed (apt-get install nginx); CI installs it.");

    children = new ChildProcesses(Files.createTempDirectory("preflight-cluster-it"));
    clusterPort = ChildProcesses.freePortRange(10);
    simulatorPort = ChildProcesses.freePort();
    children.start("simulator", java("-jar", jar.toString(), "simulator", "--port", String.valueOf(simulatorPort),
        "--latency-ms", String.valueOf(DOMO_LATENCY_MS)), Map.of());

    List<Integer> httpPorts = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int port = ChildProcesses.freePort();
      long started = System.nanoTime();
      nodes.add(children.start("node" + i, java("-jar", jar.toString(), "serve", "--cluster"), nodeEnvironment(port)));
      awaitReady(port, "node" + i);
      System.out.printf("MEASURED node%d ready (JVM start, join, deploy, cluster safe) in %d ms%n", i,
          (System.nanoTime() - started) / 1_000_000);
      httpPorts.add(port);
    }

    nginxPort = ChildProcesses.freePort();
    Path conf = children.dir.resolve("nginx.conf");
    Files.writeString(conf, Nginx.config(Map.of(nginxPort, httpPorts)));
    children.start("nginx", Nginx.command(nginx, children.dir, conf), Map.of());
    awaitReady(nginxPort, "nginx");

    vertx = Vertx.vertx();
    streams = vertx.createHttpClient();
    scenarios = SimulatorConfig.defaults().scenarios();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (children != null) {
      children.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("ends every run with done, and every stream with ids 1..n, when a node is killed mid-run")
  void survivesAKilledNode() throws Exception {
    List<EventStreamFollower> followers = new ArrayList<>();
    for (String scenario : SCENARIOS) {
      String id = new JsonObject(post(request(scenario)).body()).getString("id");
      followers.add(EventStreamFollower.follow(vertx, streams, nginxPort, id));
    }
    // Authentication takes one Domo call (1 s); the other checks are in flight just after it.
    Thread.sleep(DOMO_LATENCY_MS + 500);

    long killed = System.nanoTime();
    nodes.get(0).destroyForcibly();
    Future.join(followers.stream().map(EventStreamFollower::done).toList()).await(60, TimeUnit.SECONDS);

    long lastDone = followers.stream().mapToLong(EventStreamFollower::doneAtNanos).max().orElseThrow();
    System.out.printf("MEASURED SIGKILL to the last of %d runs done: %d ms (%d reconnects)%n", followers.size(),
        (lastDone - killed) / 1_000_000, followers.stream().mapToInt(f -> f.connections() - 1).sum());
    for (EventStreamFollower follower : followers) {
      JsonObject report = follower.done().result();
      List<Long> expected = LongStream.rangeClosed(1, report.getJsonArray("checks").size() + 1L).boxed().toList();
      assertThat(follower.ids).as("event ids of run %s", follower.runId).isEqualTo(expected);
      assertThat(report.getString("status")).isEqualTo("done");
      assertThat(report.getJsonArray("checks").stream().map(JsonObject.class::cast)
          .map(c -> c.getString("outcome"))).as(report.encodePrettily()).doesNotContain("pending");
      JsonObject stored = new JsonObject(get("/api/v1/preflights/" + follower.runId).body());
      assertThat(stored.getString("status")).isEqualTo("done");
    }
  }

  @Test
  @Order(2)
  @DisplayName("gives Hazelcast a common pool of its own threads, whatever the number of CPUs")
  void givesHazelcastACommonPool() throws Exception {
    // With one pool thread, Hazelcast would start a thread for every completed map operation.
    for (int i = 1; i <= nodes.size(); i++) {
      assertThat(Files.readString(children.dir.resolve("node" + i + ".log")))
          .contains("Joined cluster").doesNotContain("common fork-join pool has one thread");
    }
  }

  @Test
  @Order(3)
  @DisplayName("answers preflight.run from a verticle in another clustered JVM")
  void answersAVerticleInAnotherJvm() throws Exception {
    String classpath = Path.of(RemoteRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        + java.io.File.pathSeparator + jar;
    Process runner = children.start("remote-runner", java("-cp", classpath, RemoteRunner.class.getName(),
        CLUSTER_NAME, String.valueOf(clusterPort), request("all-passing").encode()), Map.of());

    assertThat(runner.waitFor(90, TimeUnit.SECONDS)).as(children.tail("remote-runner")).isTrue();
    String line = Files.readAllLines(children.dir.resolve("remote-runner.log")).stream()
        .filter(l -> l.startsWith("REPORT ")).findFirst().orElseThrow(() -> new AssertionError(
            "no report printed:\n" + children.tail("remote-runner")));
    JsonObject report = new JsonObject(line.substring("REPORT ".length()));
    assertThat(report.getString("outcome")).isEqualTo("passed");
    assertThat(report.getJsonArray("checks")).hasSize(6);
  }

  private static Map<String, String> nodeEnvironment(int httpPort) {
    Map<String, String> env = new HashMap<>();
    env.put("PREFLIGHT_HTTP_HOST", "127.0.0.1");
    env.put("PREFLIGHT_HTTP_PORT", String.valueOf(httpPort));
    env.put("PREFLIGHT_DOMO_ALLOWED_HOSTS", "api.domo.com,http://127.0.0.1");
    env.put("PREFLIGHT_CLUSTER_NAME", CLUSTER_NAME);
    env.put("PREFLIGHT_CLUSTER_MEMBERS", "127.0.0.1");
    env.put("PREFLIGHT_CLUSTER_HOST", "127.0.0.1");
    env.put("PREFLIGHT_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("PREFLIGHT_CLUSTER_SWEEP_SECONDS", "2");
    return env;
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Djava.net.preferIPv4Stack=true"));
    command.addAll(List.of(args));
    return command;
  }

  private static JsonObject request(String scenario) {
    JsonObject preset = scenarios.stream().map(JsonObject.class::cast)
        .filter(s -> scenario.equals(s.getString("id"))).findFirst().orElseThrow();
    return preset.getJsonObject("request").copy().put("apiHost", "http://127.0.0.1:" + simulatorPort);
  }

  private static void awaitReady(int port, String name) throws Exception {
    String path = name.equals("nginx") ? "/health/live" : "/health/ready";
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < until) {
      try {
        HttpResponse<String> response = blocking.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " was not ready within 90 s:\n" + children.tail(name));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return blocking.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(JsonObject body) throws Exception {
    HttpResponse<String> response = blocking.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + nginxPort + "/api/v1/preflights"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return response;
  }
}
