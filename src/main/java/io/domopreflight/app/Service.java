package io.domopreflight.app;

import io.domopreflight.check.ApiListCheck;
import io.domopreflight.check.AuthenticationCheck;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.DomoStatsCheck;
import io.domopreflight.domo.DomoClient;
import io.domopreflight.domo.HostResolver;
import io.domopreflight.domo.OutboundGuard;
import io.domopreflight.http.Health;
import io.domopreflight.http.HttpApiVerticle;
import io.domopreflight.run.RunCoordinator;
import io.domopreflight.run.RunSettings;
import io.domopreflight.run.RunTakeover;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/** Deploys the service on a Vert.x instance: the six check verticles, the run coordinator and the HTTP API. */
public final class Service {

  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private Service() {
  }

  /** Deploys every check (as many instances as event loops to spread Domo calls) and the coordinator. */
  public static Future<Void> deployEngine(Vertx vertx, JsonObject config) {
    return deployEngine(vertx, config, HostResolver.system(vertx));
  }

  /** The same, resolving Domo host names with the given resolver (tests use one whose answers they control). */
  public static Future<Void> deployEngine(Vertx vertx, JsonObject config, HostResolver resolver) {
    OutboundGuard guard = guard(config, resolver);
    return deployChecks(vertx, config, guard)
        .compose(v -> deployCoordinator(vertx, config, guard))
        .onSuccess(v -> log.info("Engine deployed: checks and the run coordinator{}",
            vertx.isClustered() ? ", finishing the runs of nodes that leave" : ""));
  }

  /** Deploys the six checks only: a node of a cluster can serve checks for runs coordinated elsewhere. */
  public static Future<Void> deployChecks(Vertx vertx, JsonObject config) {
    return deployChecks(vertx, config, guard(config, HostResolver.system(vertx)));
  }

  private static Future<Void> deployChecks(Vertx vertx, JsonObject config, OutboundGuard guard) {
    // Every run this node coordinates may have five calls open at once; none should wait for a connection.
    int connections = 5 * Math.max(1, config.getInteger("run.maxInFlight"));
    DomoClient domo = new DomoClient(vertx, config.getInteger("domo.maxBodyBytes"), guard, connections);
    int configured = config.getInteger("check.instances", 0);
    int instances = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    List<Function<DomoClient, Deployable>> checks = List.of(
        AuthenticationCheck::new,
        ApiListCheck::datasets,
        ApiListCheck::dashboards,
        d -> new DomoStatsCheck(CheckSpec.CARDS, d),
        d -> new DomoStatsCheck(CheckSpec.CARD_DASHBOARD, d),
        d -> new DomoStatsCheck(CheckSpec.DATASET_CARD, d));

    List<Future<String>> deployed = checks.stream()
        .map(check -> vertx.deployVerticle(() -> check.apply(domo), new DeploymentOptions().setInstances(instances)))
        .toList();
    return Future.all(deployed)
        .onSuccess(v -> log.info("{} checks deployed x {} instances", checks.size(), instances))
        .mapEmpty();
  }

  /** Deploys the run coordinator and, in a cluster, what finishes the runs of nodes that leave. */
  public static Future<Void> deployCoordinator(Vertx vertx, JsonObject config) {
    return deployCoordinator(vertx, config, guard(config, HostResolver.system(vertx)));
  }

  private static Future<Void> deployCoordinator(Vertx vertx, JsonObject config, OutboundGuard guard) {
    RunSettings settings = ServiceConfig.runSettings(config);
    return vertx.deployVerticle(new RunCoordinator(settings, guard))
        .compose(v -> vertx.isClustered() ? deployTakeover(vertx, settings, config) : Future.succeededFuture())
        .mapEmpty();
  }

  /** What calls to Domo may reach: the allowlist, checked against resolved addresses. */
  private static OutboundGuard guard(JsonObject config, HostResolver resolver) {
    return new OutboundGuard(ServiceConfig.runSettings(config).allowedHosts(), resolver);
  }

  private static Future<String> deployTakeover(Vertx vertx, RunSettings settings, JsonObject config) {
    long sweepMs = config.getLong("cluster.sweepSeconds", 5L) * 1000;
    return vertx.deployVerticle(new RunTakeover(settings.retentionMs(), settings.maxRetained(), sweepMs));
  }

  /** Deploys the HTTP API without a health source, and answers the port it listens on. */
  public static Future<Integer> deployHttp(Vertx vertx, JsonObject config) {
    return deployHttp(vertx, config, null);
  }

  /**
   * Deploys the HTTP API with the node's health, one instance per core unless {@code http.instances} says otherwise,
   * and answers the port it listens on. Vert.x spreads connections over the instances, so event streams and requests
   * use every event loop.
   */
  public static Future<Integer> deployHttp(Vertx vertx, JsonObject config, Health health) {
    int configured = config.getInteger("http.instances", 0);
    // NOTE: instances share a socket only on a fixed port (port 0 would give each its own), so port 0 runs one.
    int instances = config.getInteger("http.port", 0) == 0 ? 1
        : configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    List<HttpApiVerticle> deployed = new CopyOnWriteArrayList<>();
    AtomicInteger openStreams = new AtomicInteger();

    Supplier<HttpApiVerticle> api = () -> {
      HttpApiVerticle verticle = new HttpApiVerticle(health, openStreams);
      deployed.add(verticle);
      return verticle;
    };
    return vertx.deployVerticle(api, new DeploymentOptions().setConfig(config).setInstances(instances))
        .map(id -> deployed.get(0).actualPort());
  }
}
