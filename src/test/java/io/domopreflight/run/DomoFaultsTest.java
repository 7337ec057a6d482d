package io.domopreflight.run;

import io.domopreflight.TestEngine;
import io.domopreflight.check.Verdict;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.domopreflight.sim.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.domopreflight.TestEngine.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way Domo misbehaves gives one named verdict, with its outcome, category and hint, by the check's deadline;
 * and the retries the client promises (one for a 5xx, a wait for a short 429) really happen, as the simulator's
 * request log shows.
 */
@DisplayName("A preflight against a misbehaving Domo")
class DomoFaultsTest {

  private static final Map<String, Long> SLOWEST = new ConcurrentHashMap<>();
  private static TestEngine engine;

  @BeforeAll
  static void start() throws Exception {
    JsonObject config = new JsonObject().put("domo.allowedHosts", new JsonArray().add("api.domo.com")
        .add("http://127.0.0.1").add("https://127.0.0.1").add("https://no-such-host.invalid"));
    engine = TestEngine.start(SimulatorConfig.defaults(), config);
  }

  @AfterAll
  static void stop() throws Exception {
    SLOWEST.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> Long.compare(b, a))).limit(5)
        .forEach(e -> System.out.printf("slowest fault verdicts: %s took %d ms (check timeout %d ms)%n", e.getKey(),
            e.getValue(), TestEngine.CHECK_TIMEOUT_MS));
    engine.close();
  }

  @BeforeEach
  void clearLog() {
    engine.simulator.reset();
  }

  @DisplayName("gives the named verdict, with its outcome, category and hint, within the check's timeout")
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
      "wrong-secret,              authentication, BAD_CREDENTIALS",
      "unknown-client,            authentication, BAD_CREDENTIALS",
      "token-malformed-request,   authentication, TOKEN_REQUEST_REFUSED",
      "token-gateway-502,         authentication, DOMO_UNAVAILABLE",
      "instance-host,             authentication, INSTANCE_HOST",
      "token-hang,                authentication, TIMEOUT_REACHED",
      "access-denied,             datasets,       ACCESS_DENIED",
      "access-denied-400,         datasets,       ACCESS_DENIED",
      "datasets-missing-scope,    datasets,       MISSING_SCOPE",
      "missing-dashboard-scope,   dashboards,     MISSING_SCOPE",
      "unknown-dataset,           card-dashboard, DATASET_NOT_FOUND",
      "rate-limited,              datasets,       RATE_LIMITED",
      "rate-limited-date,         datasets,       RATE_LIMITED",
      "domo-unavailable,          datasets,       DOMO_UNAVAILABLE",
      "domo-unavailable,          dashboards,     DOMO_UNAVAILABLE",
      "domo-error-500,            datasets,       DOMO_UNAVAILABLE",
      "domo-error-500,            dashboards,     DOMO_UNAVAILABLE",
      "connection-reset,          dashboards,     NETWORK_FAILURE",
      "truncated-json,            datasets,       INCOMPLETE_ANSWER",
      "wrong-shape,               datasets,       NOT_A_DOMO_API",
      "pages-html-200,            dashboards,     NOT_A_DOMO_API",
      "hanging-domo,              datasets,       TIMEOUT_REACHED",
      "trickle,                   dashboards,     TIMEOUT_REACHED"})
  void givesTheNamedVerdict(String scenario, String check, Verdict verdict) throws Exception {
    long startedAt = System.nanoTime();
    JsonObject report = engine.run(engine.scenario(scenario));
    long tookMs = (System.nanoTime() - startedAt) / 1_000_000;
    SLOWEST.merge(scenario, tookMs, Math::max);

    JsonObject result = result(report, check);
    assertThat(result.getString("outcome")).as(result.encodePrettily()).isEqualTo(verdict.outcome().wire());
    assertThat(result.getString("category")).isEqualTo(verdict.category().wire());
    assertThat(result.getString("hint")).matches(filled(verdict.hintTemplate()));
    assertThat(result.getString("message")).matches(filled(verdict.messageTemplate()));
    // Authentication, then one more check: each bounded by its timeout, plus the bus round trips.
    assertThat(tookMs).isLessThan(2 * TestEngine.CHECK_TIMEOUT_MS + 1_000);
  }

  @Test
  @DisplayName("names the scope Domo says is missing")
  void namesTheMissingScope() throws Exception {
    JsonObject datasets = result(engine.run(engine.scenario("datasets-missing-scope")), "datasets");
    JsonObject pages = result(engine.run(engine.scenario("missing-dashboard-scope")), "dashboards");

    assertThat(datasets.getString("message")).contains("'data'");
    assertThat(pages.getString("message")).contains("'dashboard'");
  }

  @DisplayName("retries a 5xx exactly once before calling Domo unavailable")
  @ParameterizedTest(name = "{0}")
  @CsvSource({"domo-unavailable", "domo-error-500"})
  void retriesAServerErrorOnce(String scenario) throws Exception {
    engine.run(engine.scenario(scenario));

    assertThat(calls("/v1/datasets")).isEqualTo(2);
    assertThat(calls("/v1/pages")).isEqualTo(2);
  }

  @DisplayName("waits out a short 429, given in seconds or as a date, and then passes")
  @ParameterizedTest(name = "{0}")
  @CsvSource({"rate-limited-briefly", "rate-limited-date-briefly"})
  void waitsOutAShortRateLimit(String scenario) throws Exception {
    JsonObject report = engine.run(engine.scenario(scenario));

    assertThat(result(report, "datasets").getString("outcome")).isEqualTo("passed");
    assertThat(calls("/v1/datasets")).isEqualTo(2);
  }

  @Test
  @DisplayName("does not wait for a 429 whose Retry-After is beyond the deadline")
  void givesUpOnALongRateLimitAtOnce() throws Exception {
    long startedAt = System.nanoTime();
    JsonObject report = engine.run(engine.scenario("rate-limited"));

    assertThat(result(report, "datasets").getString("category")).isEqualTo("rate_limit");
    assertThat(calls("/v1/datasets")).isEqualTo(1);
    assertThat((System.nanoTime() - startedAt) / 1_000_000).isLessThan(TestEngine.CHECK_TIMEOUT_MS);
  }

  @Test
  @DisplayName("renews an expired token at most once per call and goes on")
  void renewsAnExpiredTokenOnce() throws Exception {
    JsonObject report = engine.run(engine.scenario("expired-token"));

    assertThat(report.getString("outcome")).isEqualTo("passed");
    // The first token and one renewal, which the checks on every event loop share.
    assertThat(calls("/oauth/token")).isEqualTo(2L);
    engine.simulator.requests().stream().map(r -> r.getString("path")).filter(p -> p.startsWith("/v1/")).distinct()
        .forEach(path -> assertThat(calls(path)).as(path).isLessThanOrEqualTo(2));
  }

  @Test
  @DisplayName("reports a TLS server it does not trust as error/network with a TLS message")
  void reportsAnUntrustedCertificate() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("api.domo.test");
    HttpServer server = engine.vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(request -> request.response().end("{}"))
        .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    try {
      JsonObject report = engine.run(engine.scenario("all-passing")
          .put("apiHost", "https://127.0.0.1:" + server.actualPort()));

      JsonObject auth = result(report, "authentication");
      assertThat(auth.getString("outcome")).isEqualTo("error");
      assertThat(auth.getString("category")).isEqualTo("network");
      assertThat(auth.getString("message")).contains("TLS handshake failed");
    } finally {
      server.close();
    }
  }

  @Test
  @DisplayName("reports a host name that does not exist as error/network")
  void reportsAnUnknownHost() throws Exception {
    JsonObject report = engine.run(engine.scenario("all-passing").put("apiHost", "https://no-such-host.invalid"));

    JsonObject auth = result(report, "authentication");
    assertThat(auth.getString("outcome")).isEqualTo("error");
    assertThat(auth.getString("category")).isEqualTo("network");
    assertThat(auth.getString("message")).contains("does not resolve");
  }

  private static long calls(String path) {
    return engine.simulator.requests().stream().filter(r -> path.equals(r.getString("path"))).count();
  }

  /** The template as a pattern: its text literally, each placeholder as any text. */
  private static String filled(String template) {
    Matcher placeholder = Pattern.compile("\\{[A-Za-z]+}").matcher(template);
    StringBuilder regex = new StringBuilder("(?s)");
    int last = 0;
    while (placeholder.find()) {
      regex.append(Pattern.quote(template.substring(last, placeholder.start()))).append(".+?");
      last = placeholder.end();
    }
    return regex.append(Pattern.quote(template.substring(last))).toString();
  }
}
