package io.domopreflight.run;

import io.domopreflight.TestEngine;
import io.domopreflight.domo.HostResolver;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.domopreflight.TestEngine.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbound allowlist end to end: what a run may reach, and that the address checked is the address connected
 * to. Host names resolve through a resolver the test controls; the simulator listens on loopback, so any call that
 * slipped through would show in its request log.
 */
@DisplayName("The outbound allowlist")
class AllowlistTest {

  private static final AtomicInteger rebindLookups = new AtomicInteger();
  private static TestEngine engine;

  @BeforeAll
  static void start() throws Exception {
    JsonObject config = new JsonObject().put("domo.allowedHosts", new JsonArray().add("api.domo.com")
        .add("http://127.0.0.1").add("http://domo.rebind.test").add("http://domo.private.test")
        .add("http://domo.loopback.test").add("http://domo.linklocal.test").add("http://169.254.169.254")
        .add("http://domo.gone.test"));
    engine = TestEngine.start(SimulatorConfig.defaults(), config, AllowlistTest::resolve);
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
  }

  @BeforeEach
  void clearLog() {
    engine.simulator.reset();
  }

  /** Public at the first look (validation), loopback from then on: a DNS rebinding attack in miniature. */
  private static Future<List<InetAddress>> resolve(String host) {
    String address = switch (host) {
      case "domo.rebind.test" -> rebindLookups.getAndIncrement() == 0 ? "203.0.113.10" : "127.0.0.1";
      case "domo.private.test" -> "10.20.30.40";
      case "domo.loopback.test" -> "127.0.0.1";
      case "domo.linklocal.test" -> "169.254.1.1";
      default -> null;
    };
    try {
      return address == null ? Future.failedFuture(new java.net.UnknownHostException(host))
          : Future.succeededFuture(List.of(InetAddress.getByName(address)));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  @DisplayName("refuses at start, with a 400 naming the setting, a host that is or resolves to a forbidden address")
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "http://domo.private.test, private",
      "http://domo.loopback.test, loopback",
      "http://domo.linklocal.test, link-local",
      "http://169.254.169.254, cloud metadata",
      "http://10.0.0.1, is not allowed",
      "http://127.0.0.2, is not allowed",
      "http://metadata.google.internal, is not allowed"})
  void refusesForbiddenHostsAtStart(String apiHost, String reason) {
    JsonObject request = engine.scenario("all-passing").put("apiHost", apiHost + ":" + engine.simulator.port());

    assertThatThrownBy(() -> engine.run(request))
        .isInstanceOfSatisfying(ReplyException.class, refusal -> {
          assertThat(refusal.failureCode()).isEqualTo(InvalidRequestException.FAILURE_CODE);
          assertThat(refusal.getMessage()).contains("apiHost").contains("domo.allowedHosts").contains(reason);
        });
    assertThat(engine.simulator.requests()).isEmpty();
  }

  @Test
  @DisplayName("fails the check, and connects nowhere, when a name turns private between validation and connect")
  void catchesRebinding() throws Exception {
    rebindLookups.set(0);
    JsonObject request = engine.scenario("all-passing")
        .put("apiHost", "http://domo.rebind.test:" + engine.simulator.port());

    JsonObject report = engine.run(request);

    JsonObject auth = result(report, "authentication");
    assertThat(auth.getString("outcome")).isEqualTo("failed");
    assertThat(auth.getString("category")).isEqualTo("configuration");
    assertThat(auth.getString("message")).contains("resolves to the loopback address 127.0.0.1")
        .contains("domo.allowedHosts");
    assertThat(rebindLookups.get()).isGreaterThanOrEqualTo(2);
    assertThat(engine.simulator.requests()).isEmpty();
  }

  @Test
  @DisplayName("lets a listed loopback IP literal through, as the simulator tests need")
  void admitsAListedLiteral() throws Exception {
    JsonObject report = engine.run(engine.scenario("all-passing"));

    assertThat(report.getString("outcome")).isEqualTo("passed");
  }

  @Test
  @DisplayName("reports a name that does not resolve as a network error, not as a refusal")
  void reportsUnknownNamesAsNetworkErrors() throws Exception {
    JsonObject report = engine.run(engine.scenario("all-passing").put("apiHost", "http://domo.gone.test"));

    JsonObject auth = result(report, "authentication");
    assertThat(auth.getString("outcome")).isEqualTo("error");
    assertThat(auth.getString("category")).isEqualTo("network");
    assertThat(auth.getString("message")).contains("does not resolve");
  }
}
