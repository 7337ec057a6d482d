package io.domopreflight.app;

import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Starts the Domo simulator on loopback and keeps it running. */
@Command(name = "simulator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Starts the Domo simulator on 127.0.0.1, serving every scenario at once, until stopped.")
final class SimulatorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  Integer port;

  @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (default: a free port).")
  void port(String value) {
    port = Main.port(spec, value);
  }

  @Option(names = "--latency-ms", paramLabel = "N", converter = Main.NonNegativeLong.class,
      description = "Delay added to every Domo call.")
  Long latencyMs;

  @Option(names = "--jitter-ms", paramLabel = "N", converter = Main.NonNegativeLong.class,
      description = "Up to this much more delay, drawn per call.")
  Long jitterMs;

  @Option(names = "--config", paramLabel = "FILE", description = "Scenario file replacing the built-in one.")
  String configFile;

  @Option(names = "--datasets", paramLabel = "N", converter = Main.NonNegativeInt.class,
      description = "Size of the DataSet list (default 120).")
  Integer datasetCount;

  @Option(names = "--pages", paramLabel = "N", converter = Main.NonNegativeInt.class,
      description = "Number of pages (default 60).")
  Integer pageCount;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = VertxFactory.plain();
    SimulatorConfig config;
    try {
      config = configFile == null ? SimulatorConfig.defaults()
          : SimulatorConfig.fromFile(vertx, configFile).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("error: cannot read the scenario file " + configFile + ": " + e.getMessage());
      vertx.close();
      return Main.EXIT_USAGE;
    }
    config = configured(config);

    DomoSimulator simulator;
    try {
      simulator = DomoSimulator.start(vertx, config).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("error: " + StartupFailure.describe(e, "127.0.0.1", config.port()));
      vertx.close();
      return Main.EXIT_USAGE;
    }
    System.out.println("Domo simulator listening on " + simulator.baseUrl());
    System.out.println("Allow it with PREFLIGHT_DOMO_ALLOWED_HOSTS=api.domo.com,http://127.0.0.1");
    System.out.println("Scenarios (clientId / clientSecret):");
    simulator.scenarios().stream().map(JsonObject.class::cast).forEach(s -> System.out.printf("  %-26s %s / %s%n",
        s.getString("id"), s.getJsonObject("request").getString("clientId"),
        s.getJsonObject("request").getString("clientSecret")));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    return -1;
  }

  private SimulatorConfig configured(SimulatorConfig config) {
    SimulatorConfig result = config;
    if (port != null) {
      result = result.withPort(port);
    }
    if (latencyMs != null) {
      result = result.withLatencyMs(latencyMs);
    }
    if (jitterMs != null) {
      result = result.withJitterMs(jitterMs);
    }
    if (datasetCount != null) {
      result = result.withDatasetCount(datasetCount);
    }
    if (pageCount != null) {
      result = result.withPageCount(pageCount);
    }
    return result;
  }
}
