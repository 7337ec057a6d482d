package io.domopreflight.metrics;

import io.domopreflight.check.CheckResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's own meters, on the registry Vert.x publishes at {@code /metrics}. Every label has a bounded set of
 * values: check ids, outcomes, categories, Domo endpoint templates and status codes; never a run id, a dataset id or
 * a host.
 *
 * <p>On a Vert.x instance without metrics (tests, the {@code check} command) every meter is a no-op.
 */
public final class Meters {

  /** The registry name Vert.x registers the Prometheus registry under; see {@code VertxFactory}. */
  public static final String REGISTRY = "domo-preflight";

  private static final Map<MeterRegistry, Meters> BY_REGISTRY = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Meters NONE = new Meters(new CompositeMeterRegistry());

  private final MeterRegistry registry;
  private final AtomicInteger runsInFlight = new AtomicInteger();
  private final AtomicInteger eventStreams = new AtomicInteger();
  /**
   * Each meter once registered, by name and label values. Registering again finds the same meter, but only after
   * building its id and running it through every filter of the registry, several times per run; the labels are
   * bounded, so this map is too.
   */
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  private Meters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("preflight.runs.in.flight", runsInFlight, AtomicInteger::get)
        .description("Runs this node coordinates that have not finished").register(registry);
    Gauge.builder("preflight.event.stream.clients", eventStreams, AtomicInteger::get)
        .description("Clients following a run's event stream on this node").register(registry);
  }

  /** The meters of {@code vertx}'s registry, or no-op meters when it has no metrics. */
  public static Meters of(Vertx vertx) {
    MeterRegistry registry = vertx.isMetricsEnabled() ? BackendRegistries.getNow(REGISTRY) : null;
    return registry == null ? NONE : BY_REGISTRY.computeIfAbsent(registry, Meters::new);
  }

  /** A check's verdict as the coordinator records it, skipped ones included. */
  public void checkResult(CheckResult result) {
    String outcome = result.outcome().wire();
    String category = result.category() == null ? "none" : result.category().wire();
    counters.computeIfAbsent("results|" + result.check() + "|" + outcome + "|" + category,
        key -> Counter.builder("preflight.check.results")
            .description("Check verdicts by check, outcome and category")
            .tag("check", result.check())
            .tag("outcome", outcome)
            .tag("category", category)
            .register(registry))
        .increment();
  }

  /** How long a check took to answer, from the coordinator's question to its reply. */
  public void checkDuration(String check, long nanos) {
    timers.computeIfAbsent("check|" + check,
        key -> Timer.builder("preflight.check.duration")
            .description("Time from asking a check to its verdict")
            .tag("check", check)
            .serviceLevelObjectives(millis(100), millis(250), millis(500), millis(1000), millis(2500), millis(5000),
                millis(10_000), millis(30_000))
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A finished run by its overall outcome. */
  public void runFinished(String outcome, long millis) {
    timers.computeIfAbsent("run|" + outcome,
        key -> Timer.builder("preflight.run.duration")
            .description("Time from a run's start to its report")
            .tag("outcome", outcome)
            .serviceLevelObjectives(millis(500), millis(1000), millis(2500), millis(5000), millis(10_000),
                millis(30_000))
            .register(registry))
        .record(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * One HTTP exchange with Domo.
   *
   * @param endpoint the call's secret-free template, such as {@code GET /v1/datasets}
   * @param status   the HTTP status, or the lower-case kind of failure when no answer came ({@code timeout}, ...)
   */
  public void domoCall(String endpoint, String status) {
    counters.computeIfAbsent("domo|" + endpoint + "|" + status,
        key -> Counter.builder("preflight.domo.calls")
            .description("HTTP exchanges with Domo by endpoint and status or failure kind")
            .tag("endpoint", endpoint)
            .tag("status", status)
            .register(registry))
        .increment();
  }

  /** A token asked for: from the cache (hit) or from Domo (miss). */
  public void tokenLookup(boolean hit) {
    String result = hit ? "hit" : "miss";
    counters.computeIfAbsent("token|" + result,
        key -> Counter.builder("preflight.token.cache.lookups")
            .description("Token lookups answered from the cache (hit) or from Domo (miss)")
            .tag("result", result)
            .register(registry))
        .increment();
  }

  public AtomicInteger runsInFlight() {
    return runsInFlight;
  }

  public AtomicInteger eventStreams() {
    return eventStreams;
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }
}
