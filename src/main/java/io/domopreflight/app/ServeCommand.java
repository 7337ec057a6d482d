package io.domopreflight.app;

import io.domopreflight.http.Health;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Starts the service: the checks, the coordinator and the HTTP API with the browser page. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Starts the preflight service (HTTP API, event streams and the browser page).",
        "SIGTERM drains it: no new runs, running ones finish within shutdown.graceSeconds, then it exits 0."})
final class ServeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: conf/config.json).")
  String configFile;

  @Spec
  CommandSpec spec;

  Integer port;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port, overriding http.port (0: a free port).")
  void port(String value) {
    port = Main.port(spec, value);
  }

  @Option(names = "--cluster", description = {"Join the nodes named by PREFLIGHT_CLUSTER_MEMBERS (Hazelcast): any node",
      "then serves any run and finishes the runs of a node that dies. See docs/deploy.md."})
  boolean cluster;

  @Override
  public Integer call() throws Exception {
    JsonObject config;
    try {
      config = loadConfig();
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    if (port != null) {
      config.put("http.port", port);
    }
    log.info("Starting {}", Main.Version.text());
    String unusable = cluster
        ? StartupFailure.unusablePort(config.getString("http.host"), config.getInteger("http.port")) : null;
    if (unusable != null) {
      // Said before joining: a node that joins, takes partitions and then stops unsettles the whole cluster.
      System.err.println("error: " + unusable);
      return Main.EXIT_USAGE;
    }

    Vertx vertx;
    try {
      vertx = cluster ? ClusteredVertx.start(config).await(120, TimeUnit.SECONDS) : VertxFactory.service(config);
    } catch (Exception e) {
      System.err.println("error: could not join the cluster: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Health health = Health.create(vertx);
    int bound;
    try {
      Service.deployEngine(vertx, config).await(60, TimeUnit.SECONDS);
      health.engineDeployed();
      bound = Service.deployHttp(vertx, config, health).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("error: "
          + StartupFailure.describe(e, config.getString("http.host"), config.getInteger("http.port")));
      vertx.close();
      return Main.EXIT_USAGE;
    }
    // Only a node that came up has runs and streams to drain.
    GracefulShutdown.install(vertx, health, config);
    log.info("domo-preflight ready on http://{}:{}/ (Domo hosts allowed: {}; metrics {}{})",
        config.getString("http.host"), bound, config.getJsonArray("domo.allowedHosts"),
        vertx.isMetricsEnabled() ? "at /metrics" : "off", cluster ? "; clustered" : "");
    return -1;
  }

  /** Reads the configuration on a short-lived Vert.x: the service's own is built from the settings. */
  private JsonObject loadConfig() throws Exception {
    Vertx reader = VertxFactory.plain();
    try {
      return ServiceConfig.load(reader, configFile, System.getenv()).await(30, TimeUnit.SECONDS);
    } finally {
      reader.close();
    }
  }
}
