package io.domopreflight.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Starts the service: the checks, the coordinator and the HTTP API with the browser page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Starts the preflight service (HTTP API, event streams and the browser page).")
final class ServeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: conf/config.json).")
  String configFile;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port, overriding http.port.")
  Integer port;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    JsonObject config;
    try {
      config = ServiceConfig.load(vertx, configFile, System.getenv()).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("error: " + e.getMessage());
      vertx.close();
      return Main.EXIT_USAGE;
    }
    if (port != null) {
      config.put("http.port", port);
    }

    Service.deployEngine(vertx, config).await(60, TimeUnit.SECONDS);
    int bound = Service.deployHttp(vertx, config).await(60, TimeUnit.SECONDS);
    log.info("domo-preflight ready on http://{}:{}/ (Domo hosts allowed: {})", config.getString("http.host"), bound,
        config.getJsonArray("domo.allowedHosts"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    return -1;
  }
}
