package io.domopreflight.app;

import io.domopreflight.http.Health;
import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Starts the built-in Domo simulator and the service in front of it, runs a first preflight in the terminal and keeps
 * serving the browser page, whose scenario picker shows every failure the simulator can play.
 *
 * <p>The page listens on 127.0.0.1 unless {@code --host} or {@code PREFLIGHT_HTTP_HOST} says otherwise: the demo has
 * no API key and may call plain http on any port of 127.0.0.1, so on a shared interface anyone who reaches it could
 * probe this machine's local ports. The {@code http.host} of {@code conf/config.json} is not used, because that file
 * sets it for {@code serve}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Runs a preflight against the built-in Domo simulator, then serves the browser page.",
        "The page offers every simulator scenario; stop with Ctrl-C."})
final class DemoCommand implements Callable<Integer> {

  /** The names a browser on this machine uses for a page on loopback. */
  private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1");

  @Option(names = "--scenario", paramLabel = "ID", defaultValue = "all-passing",
      description = "Simulator scenario of the terminal run (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--latency-ms", paramLabel = "N", defaultValue = "150", converter = Main.NonNegativeLong.class,
      description = "Simulated Domo latency per call, so each check can be seen landing (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--jitter-ms", paramLabel = "N", defaultValue = "900", converter = Main.NonNegativeLong.class,
      description = "Up to this much more latency per call, so the checks land one by one (default: ${DEFAULT-VALUE}).")
  long jitterMs;

  @Spec
  CommandSpec spec;

  Integer port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Interface of the page (default: "
      + "PREFLIGHT_HTTP_HOST, else 127.0.0.1). The demo has no API key and may call any port of 127.0.0.1: with "
      + "0.0.0.0 anyone who reaches it can, so use that on a trusted network only.")
  String host;

  @Option(names = "--port", paramLabel = "N",
      description = "HTTP port of the page (default: http.port, 8080; 0: a free one).")
  void port(String value) {
    port = Main.port(spec, value);
  }

  @Option(names = "--once", description = "Exit after the terminal run instead of serving the page.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    JsonObject config = loadConfig();
    Vertx vertx = VertxFactory.service(config);
    Health health = Health.create(vertx);
    SimulatorConfig domo = SimulatorConfig.defaults().withLatencyMs(latencyMs).withJitterMs(jitterMs);
    DomoSimulator simulator = DomoSimulator.start(vertx, domo)
        .await(30, TimeUnit.SECONDS);
    JsonObject request = simulator.scenarioRequest(scenario);
    if (request == null) {
      System.err.println("error: no scenario " + scenario + "; known: " + simulator.scenarios().stream()
          .map(s -> ((JsonObject) s).getString("id")).toList());
      vertx.close();
      return Main.EXIT_USAGE;
    }

    demoConfig(config, simulator, System.getenv());
    String page;
    try {
      Service.deployEngine(vertx, config).await(30, TimeUnit.SECONDS);
      health.engineDeployed();
      page = once ? null : pageAddress(config.getString("http.host"), Service.deployHttp(vertx, config, health)
          .await(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      System.err.println("error: "
          + StartupFailure.describe(e, config.getString("http.host"), config.getInteger("http.port")));
      vertx.close();
      return Main.EXIT_USAGE;
    }

    System.out.println("Domo simulator on " + simulator.baseUrl() + "; running the '" + scenario + "' scenario:");
    ReportPrinter printer = new ReportPrinter(System.out);
    LocalPreflight preflight = new LocalPreflight(vertx, config);
    JsonObject report = preflight.run(request, printer::check);
    printer.summary(report);
    if (once) {
      preflight.close();
      return CheckCommand.exitCode(report);
    }

    System.out.println();
    System.out.println("Open " + page + " and pick a scenario (wrong secret, missing dashboard scope, legacy Cards");
    System.out.println("report, slow Domo, ...) to watch each check land. Stop with Ctrl-C.");
    GracefulShutdown.install(vertx, health, config);
    return -1;
  }

  private static JsonObject loadConfig() throws Exception {
    Vertx reader = VertxFactory.plain();
    try {
      return ServiceConfig.load(reader, null, System.getenv()).await(10, TimeUnit.SECONDS);
    } finally {
      reader.close();
    }
  }

  private void demoConfig(JsonObject config, DomoSimulator simulator, Map<String, String> environment) {
    config.put("domo.allowedHosts", new JsonArray().add("api.domo.com").add("http://127.0.0.1"))
        .put("demo.scenarios", simulator.scenariosPointedHere())
        .put("http.host", httpHost(environment));
    config.put("http.serverNames",
        serverNames(config.getString("http.host"), config.getJsonArray("http.serverNames")));
    if (port != null) {
      config.put("http.port", port);
    }
  }

  /** {@code --host}, else {@code PREFLIGHT_HTTP_HOST}, else loopback only. */
  String httpHost(Map<String, String> environment) {
    if (host != null) {
      return host;
    }
    String variable = environment.get(ServiceConfig.environmentName("http.host"));
    return variable == null || variable.isBlank() ? "127.0.0.1" : variable.trim();
  }

  /**
   * On loopback the page is for this machine's browser only, so it answers to loopback names only, unless
   * {@code http.serverNames} says otherwise: a page elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding)
   * would be same-origin and could use the demo, which may call any local port, to probe this machine.
   */
  static JsonArray serverNames(String httpHost, JsonArray configured) {
    boolean loopback = LOOPBACK.contains(httpHost.replaceAll("^\\[|]$", ""));
    return loopback && configured.isEmpty() ? new JsonArray(new java.util.ArrayList<>(LOOPBACK)) : configured;
  }

  /** The page's address to open in a browser on this machine: a wildcard interface is reached through localhost. */
  static String pageAddress(String host, int port) {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost"
        : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port + "/";
  }

}
