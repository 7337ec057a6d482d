package io.domopreflight.app;

import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Starts the built-in Domo simulator and the service, and runs a first preflight so a newcomer sees the main job. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Starts the Domo simulator and the service against it, and runs a preflight in the terminal.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--scenario", paramLabel = "ID", defaultValue = "all-passing",
      description = "Simulator scenario of the terminal run (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--latency-ms", paramLabel = "N", defaultValue = "150",
      description = "Simulated Domo latency per call, so each check can be seen landing (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    DomoSimulator simulator = DomoSimulator.start(vertx, SimulatorConfig.defaults().withLatencyMs(latencyMs))
        .await(30, TimeUnit.SECONDS);
    JsonObject request = scenarioRequest(simulator, scenario);
    if (request == null) {
      System.err.println("error: no scenario " + scenario + "; known: " + simulator.scenarios().stream()
          .map(s -> ((JsonObject) s).getString("id")).toList());
      vertx.close();
      return Main.EXIT_USAGE;
    }

    JsonObject config = ServiceConfig.load(vertx, null, System.getenv()).await(10, TimeUnit.SECONDS)
        .put("domo.allowedHosts", new JsonArray().add("api.domo.com").add("http://127.0.0.1"));
    System.out.println("Domo simulator on " + simulator.baseUrl() + "; running the '" + scenario + "' scenario:");
    ReportPrinter printer = new ReportPrinter(System.out);
    try (LocalPreflight preflight = LocalPreflight.start(vertx, config)) {
      printer.summary(preflight.run(request, printer::check));
    }
    return 0;
  }

  static JsonObject scenarioRequest(DomoSimulator simulator, String id) {
    return simulator.scenarios().stream().map(JsonObject.class::cast)
        .filter(s -> id.equals(s.getString("id"))).findFirst()
        .map(s -> s.getJsonObject("request").copy().put("apiHost", simulator.baseUrl()))
        .orElse(null);
  }
}
