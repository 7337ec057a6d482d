package io.domopreflight.app;

import io.domopreflight.metrics.Meters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;
import java.util.List;

/**
 * Every Vert.x instance the commands create. The service's instances publish Prometheus metrics when
 * {@code metrics.enabled} is true; none installs a JVM shutdown hook, so {@link GracefulShutdown} decides when Vert.x
 * closes.
 */
public final class VertxFactory {

  private VertxFactory() {
  }

  /** A short-lived or auxiliary instance: reading configuration, the simulator, a one-off check. */
  public static Vertx plain() {
    return Vertx.vertx();
  }

  /** The instance of a service node that does not join a cluster. */
  public static Vertx service(JsonObject config) {
    return builder(new VertxOptions(), config).build();
  }

  /** A builder with the service's metrics, for callers that add a cluster manager before building. */
  public static VertxBuilder builder(VertxOptions options, JsonObject config) {
    if (!config.getBoolean("metrics.enabled", true)) {
      return Vertx.builder().with(options);
    }
    MicrometerMetricsOptions metrics = metricsOptions();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return Vertx.builder().with(options.setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(registry));
  }

  /**
   * Vert.x's HTTP, event-bus and pool meters plus the JVM's, with labels whose values are bounded: no remote
   * address (a Domo host comes from the request), the per-run event addresses folded into one and methods outside
   * HTTP's standard ones counted as {@code OTHER}.
   */
  static final String STANDARD_METHODS = "GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH";

  static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(Meters.REGISTRY)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE,
            Label.POOL_TYPE, Label.POOL_NAME))
        .setLabelMatches(List.of(
            // HTTP client pools are named after the remote host:port, which comes from a request: fold them.
            new Match().setLabel(Label.POOL_NAME.toString()).setType(MatchType.REGEX).setValue(".*:[0-9]+")
                .setAlias("remote"),
            // A client can send any method name; each would become a new series. Fold the unknown ones.
            new Match().setLabel(Label.HTTP_METHOD.toString())
                .setType(MatchType.REGEX).setValue("(?!(?:" + STANDARD_METHODS + ")$).*").setAlias("OTHER"),
            addressAlias("preflight\\.events\\..+", "preflight.events.{run}"),
            addressAlias("__vertx\\.reply\\..+", "__vertx.reply")));
  }

  private static Match addressAlias(String pattern, String alias) {
    return new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel(Label.EB_ADDRESS.toString()).setType(MatchType.REGEX)
        .setValue(pattern).setAlias(alias);
  }
}
