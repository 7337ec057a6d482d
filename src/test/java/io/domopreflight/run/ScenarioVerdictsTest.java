package io.domopreflight.run;

import io.domopreflight.TestEngine;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every simulator scenario gives the verdicts a user should see. Each expectation lists the six checks in catalogue
 * order (authentication, datasets, dashboards, cards, card-dashboard, dataset-card) as {@code outcome} or
 * {@code outcome/category}.
 */
@DisplayName("A preflight against each Domo scenario")
class ScenarioVerdictsTest {

  private static final List<String> ORDER =
      List.of("authentication", "datasets", "dashboards", "cards", "card-dashboard", "dataset-card");
  private static TestEngine engine;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
  }

  @DisplayName("gives the expected verdict per check")
  @ParameterizedTest(name = "{0}: {1}, run {2}")
  @CsvSource(delimiter = '|', textBlock = """
      all-passing             | passed passed passed passed passed passed                                 | passed
      case-variant-columns    | passed passed passed passed passed passed                                 | passed
      slow-domo               | passed passed passed passed passed passed                                 | passed
      rate-limited-briefly    | passed passed passed passed passed passed                                 | passed
      expired-token           | passed passed passed passed passed passed                                 | passed
      wrong-secret            | failed/credentials skipped skipped skipped skipped skipped                | failed
      instance-host           | failed/configuration skipped skipped skipped skipped skipped              | failed
      token-gateway-502       | error/unavailable skipped skipped skipped skipped skipped                 | error
      missing-dashboard-scope | passed passed failed/permission passed passed passed                      | failed
      access-denied           | passed failed/permission passed passed passed passed                      | failed
      unknown-client          | failed/credentials skipped skipped skipped skipped skipped                | failed
      token-malformed-request | failed/credentials skipped skipped skipped skipped skipped                | failed
      token-hang              | error/timeout skipped skipped skipped skipped skipped                     | error
      access-denied-400       | passed failed/permission passed passed passed passed                      | failed
      datasets-missing-scope  | passed failed/permission passed passed passed passed                      | failed
      rate-limited-date       | passed error/rate_limit passed passed passed passed                       | error
      rate-limited-date-briefly | passed passed passed passed passed passed                               | passed
      domo-error-500          | passed error/unavailable error/unavailable passed passed passed           | error
      pages-html-200          | passed passed failed/configuration passed passed passed                   | failed
      legacy-cards-report     | passed passed passed failed/configuration passed passed                   | failed
      swapped-reports         | passed passed passed failed/configuration failed/configuration passed     | failed
      empty-report            | passed passed passed failed/data passed passed                            | failed
      missing-column          | passed passed passed passed passed failed/data                            | failed
      dataset-not-shared      | passed passed passed failed/permission passed passed                      | failed
      unknown-dataset         | passed passed passed passed failed/configuration passed                   | failed
      wrong-shape             | passed failed/configuration passed passed passed passed                   | failed
      hanging-domo            | passed error/timeout passed passed passed passed                          | error
      rate-limited            | passed error/rate_limit passed passed passed passed                       | error
      domo-unavailable        | passed error/unavailable error/unavailable passed passed passed           | error
      truncated-json          | passed error/unavailable passed passed passed passed                      | error
      connection-reset        | passed passed error/network passed passed passed                          | error
      huge-body               | passed passed passed passed passed passed                                 | passed
      trickle                 | passed passed error/timeout passed passed passed                          | error
      """)
  void givesTheExpectedVerdicts(String scenario, String expected, String runOutcome) throws Exception {
    JsonObject report = engine.run(engine.scenario(scenario));

    List<String> actual = ORDER.stream().map(id -> verdict(TestEngine.result(report, id))).toList();
    assertThat(String.join(" ", actual)).as(report.encodePrettily()).isEqualTo(expected.trim().replaceAll("\\s+", " "));
    assertThat(report.getString("outcome")).isEqualTo(runOutcome);
    assertThat(report.getString("status")).isEqualTo("done");
  }

  private static String verdict(JsonObject result) {
    String outcome = result.getString("outcome");
    String category = result.getString("category");
    return outcome.equals("passed") || outcome.equals("skipped") ? outcome : outcome + "/" + category;
  }
}
