package io.domopreflight.app;

import io.domopreflight.check.ApiListCheck;
import io.domopreflight.check.AuthenticationCheck;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.DomoStatsCheck;
import io.domopreflight.domo.DomoClient;
import io.domopreflight.http.Health;
import io.domopreflight.http.HttpApiVerticle;
import io.domopreflight.run.RunCoordinator;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/** Deploys the service on a Vert.x instance: the six check verticles, the run coordinator and the HTTP API. */
public final class Service {

  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private Service() {
  }

  /** Deploys every check (as many instances as event loops to spread Domo calls) and the coordinator. */
  public static Future<Void> deployEngine(Vertx vertx, JsonObject config) {
    DomoClient domo = new DomoClient(vertx, config.getInteger("domo.maxBodyBytes"));
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
        .compose(v -> vertx.deployVerticle(new RunCoordinator(ServiceConfig.runSettings(config))))
        .onSuccess(id -> log.info("Engine deployed: {} checks x {} instances and the run coordinator",
            checks.size(), instances))
        .mapEmpty();
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

    Supplier<HttpApiVerticle> api = () -> {
      HttpApiVerticle verticle = new HttpApiVerticle(health);
      deployed.add(verticle);
      return verticle;
    };
    return vertx.deployVerticle(api, new DeploymentOptions().setConfig(config).setInstances(instances))
        .map(id -> deployed.get(0).actualPort());
  }
}
