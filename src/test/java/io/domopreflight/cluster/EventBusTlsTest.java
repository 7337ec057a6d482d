package io.domopreflight.cluster;

import io.domopreflight.Addresses;
import io.domopreflight.TestEngine;
import io.domopreflight.app.Service;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes whose event bus uses mutual TLS under one certificate, and two processes in the same Hazelcast cluster
 * that lack it: one speaking plain TCP, one with TLS and a certificate of its own that trusts the nodes.
 */
@DisplayName("A cluster with TLS on the event bus")
class EventBusTlsTest {

  private static final String ECHO = "preflight.test.tls.echo";
  private static final String INSIDER = "preflight.test.tls.insider";
  private static final String OUTSIDER = "preflight.test.tls.outsider";
  // Long enough for a TLS handshake on a busy machine; a refused message never gets a reply however long we wait.
  private static final DeliveryOptions SHORT = new DeliveryOptions().setSendTimeout(5_000);

  private static SelfSignedCertificate nodes;
  private static SelfSignedCertificate impostorCert;
  private static TestCluster cluster;
  private static Vertx coordinator;
  private static Vertx checks;
  private static Vertx plain;
  private static Vertx impostor;
  private static final AtomicInteger insiderReceived = new AtomicInteger();
  private static final AtomicInteger outsiderReceived = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    nodes = SelfSignedCertificate.create("localhost");
    impostorCert = SelfSignedCertificate.create("localhost");
    cluster = TestCluster.start(SimulatorConfig.defaults());
    // One self-signed certificate is each node's identity and the whole trust list at once.
    JsonObject tls = tls(cluster.config(), nodes.certificatePath(), nodes.privateKeyPath(), nodes.certificatePath());
    coordinator = cluster.join(tls);
    checks = cluster.join(tls);
    Service.deployCoordinator(coordinator, tls).await(30, TimeUnit.SECONDS);
    Service.deployChecks(checks, tls).await(30, TimeUnit.SECONDS);
    checks.eventBus().consumer(ECHO, message -> message.reply("pong")).completion().await(10, TimeUnit.SECONDS);
    // Counts what reaches a node at all: a reply that cannot get back would hide a message that got in.
    checks.eventBus().consumer(INSIDER, message -> {
      insiderReceived.incrementAndGet();
      message.reply("leaked");
    }).completion().await(10, TimeUnit.SECONDS);

    plain = cluster.join();
    // Trusts the nodes, so the only thing that keeps it out is that the nodes do not trust its certificate.
    impostor = cluster.join(tls(cluster.config(), impostorCert.certificatePath(), impostorCert.privateKeyPath(),
        nodes.certificatePath()));
    for (Vertx outsider : List.of(plain, impostor)) {
      outsider.eventBus().consumer(OUTSIDER, message -> {
        outsiderReceived.incrementAndGet();
        message.reply("leaked");
      }).completion().await(10, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (nodes != null) {
        nodes.delete();
      }
      if (impostorCert != null) {
        impostorCert.delete();
      }
    }
  }

  @Test
  @DisplayName("passes a preflight whose checks all run on the other node")
  void runsChecksOnTheOtherNode() throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TestEngine.RUN_DEADLINE_MS + 5_000);
    JsonObject report = coordinator.eventBus().<JsonObject>request(Addresses.RUN, cluster.scenario("all-passing"),
        options).await(30, TimeUnit.SECONDS).body();

    assertThat(report.getString("outcome")).as(report.encodePrettily()).isEqualTo("passed");
    assertThat(coordinator.eventBus().request(ECHO, "ping", SHORT).await(20, TimeUnit.SECONDS).body())
        .isEqualTo("pong");
  }

  @Test
  @DisplayName("takes nothing from a process without a trusted certificate, and sends it nothing")
  void shutsOutProcessesWithoutTheCertificate() throws Exception {
    List<Future<Message<Object>>> fromOutside = List.of(plain.eventBus().request(INSIDER, "forged", SHORT),
        impostor.eventBus().request(INSIDER, "forged", SHORT));
    List<Future<Message<Object>>> toOutside = List.of(coordinator.eventBus().request(OUTSIDER, "secret", SHORT),
        checks.eventBus().request(OUTSIDER, "secret", SHORT));

    for (Future<Message<Object>> request : concat(fromOutside, toOutside)) {
      // Refused, or never answered within the send timeout; a wait that ran out first would prove nothing.
      assertThatThrownBy(() -> request.await(30, TimeUnit.SECONDS)).as("a request across the trust boundary")
          .isNotInstanceOf(TimeoutException.class);
    }
    assertThat(insiderReceived).as("messages from outside that reached a node").hasValue(0);
    assertThat(outsiderReceived).as("messages from the nodes that reached an outsider").hasValue(0);
  }

  private static JsonObject tls(JsonObject config, String cert, String key, String trust) {
    return config.copy().put("cluster.tls.certPath", cert).put("cluster.tls.keyPath", key)
        .put("cluster.tls.caPath", trust);
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}
