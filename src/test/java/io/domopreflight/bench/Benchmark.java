package io.domopreflight.bench;

import io.domopreflight.cluster.Nginx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.domopreflight.bench.BenchReport.bytes;
import static io.domopreflight.bench.BenchReport.ms;
import static io.domopreflight.bench.BenchReport.num;
import static io.domopreflight.bench.BenchReport.ratio;

/**
 * The benchmark: starts the Domo simulator and the service from the jar, each in its own JVM, and measures a
 * preflight against its lower bound, a hand-run curl script and the listing approach; throughput; Domo traffic as the
 * instance grows tenfold; event-stream fan-out; memory per run; start-up. See {@code docs/benchmarks.md}.
 *
 * <p>Run it with {@code mvn -B -Pbench -DskipTests verify}; {@code -Dbench.smoke=true} runs tiny sizes.
 */
public final class Benchmark {

  private static final int CLIENT_EVENT_LOOPS = 4;
  private static final int CLUSTER_NODES = 3;

  private final BenchSettings settings;
  private final Path jar;
  private final Path dir;
  private final BenchReport report = new BenchReport();
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CLIENT_EVENT_LOOPS));
  private JavaProcess simulator;
  private JavaProcess service;
  private PreflightLoad load;
  private final Map<String, Double> ourP50 = new java.util.HashMap<>();

  Benchmark(BenchSettings settings, Path jar, Path dir) {
    this.settings = settings;
    this.jar = jar;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = Boolean.getBoolean("bench.smoke");
    BenchSettings settings = smoke ? BenchSettings.smoke() : BenchSettings.full();
    Path jar = Path.of(System.getProperty("preflight.jar", "target/domo-preflight.jar"));
    BenchReport report = run(settings, jar);

    String table = report.markdown();
    Path out = Path.of("target", "benchmarks.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.println(table);
    System.out.println("Written to " + out.toAbsolutePath());
    System.exit(0);
  }

  /** Runs every phase and answers the figures; every process it started is stopped before it returns. */
  static BenchReport run(BenchSettings settings, Path jar) throws Exception {
    Path dir = Files.createTempDirectory("preflight-bench");
    Benchmark bench = new Benchmark(settings, jar, dir);
    try {
      bench.all();
    } finally {
      bench.stop();
    }
    return bench.report;
  }

  private void all() throws Exception {
    describeMachine();
    startLargeInstance();
    latency();
    if (phase("throughput")) {
      throughput(settings.concurrency(), "fast", 0);
      throughput(settings.concurrency(), "slow", settings.latencyMs());
    }
    if (phase("cluster")) {
      cluster();
    }
    if (phase("baselines")) {
      curlScript();
      traffic();
    }
    if (phase("fanout")) {
      fanOut();
    }
    if (phase("memory")) {
      memoryPerRun();
    }
  }

  /** {@code -Dbench.phases=throughput,fanout} measures only those (start-up and latency always run). */
  private static boolean phase(String name) {
    String only = System.getProperty("bench.phases", "");
    return only.isBlank() || List.of(only.split(",")).contains(name);
  }

  private void describeMachine() throws Exception {
    report.machine("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
        + Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ")
        + ", load average at start " + Files.readString(Path.of("/proc/loadavg")).trim()
        + " (other builds share the machine)");
    report.machine("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + "; service heap -Xmx" + settings.serviceHeap());
    long fds = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
        ? u.getMaxFileDescriptorCount() : -1;
    report.machine("open files allowed to the harness: " + fds + "; settings: " + settings);
  }

  private void startLargeInstance() throws Exception {
    Path scenarios = ScenarioFile.write(dir, "large", settings, settings.datasets(), settings.pages(),
        settings.rows());
    simulator = startSimulator("simulator", scenarios);
    service = JavaProcess.start("service", jar, serviceFlags(), List.of("serve"), serviceEnvironment(), dir,
        "/api/v1/checks");
    load = new PreflightLoad(vertx, service.port, simulator.baseUrl(), simulator.port, 4 * settings.concurrency());

    report.row("start-up to ready: service (`serve`, until `GET /api/v1/checks` answers)", ms(service.startupMs));
    report.row("start-up to ready: simulator with the large instance", ms(simulator.startupMs));
    report.row("service heap after start-up (after a full GC)", bytes(mib(service.heapUsedAfterGcMiB())));
  }

  private List<String> serviceFlags() {
    List<String> flags = new ArrayList<>(List.of("-Xmx" + settings.serviceHeap()));
    String extra = System.getProperty("bench.serviceFlags", "");
    if (!extra.isBlank()) {
      // For profiling, e.g. -Dbench.serviceFlags=-XX:StartFlightRecording=filename=/tmp/service.jfr
      flags.addAll(List.of(extra.trim().split("\\s+")));
    }
    return flags;
  }

  private Map<String, String> serviceEnvironment() {
    return Map.of("PREFLIGHT_DOMO_ALLOWED_HOSTS", "api.domo.com,http://127.0.0.1",
        "PREFLIGHT_HTTP_HOST", "127.0.0.1",
        "PREFLIGHT_RUN_MAX_IN_FLIGHT", "100000",
        "PREFLIGHT_SSE_MAX_CLIENTS", String.valueOf(settings.sseClients() + 1000),
        "PREFLIGHT_RUN_DEADLINE_MS", String.valueOf(4 * settings.fanLatencyMs() + 30_000),
        "PREFLIGHT_CHECK_TIMEOUT_MS", String.valueOf(2 * settings.fanLatencyMs() + 10_000));
  }

  private JavaProcess startSimulator(String name, Path scenarios) throws Exception {
    return JavaProcess.start(name, jar, List.of(), List.of("simulator", "--config", scenarios.toString()), Map.of(),
        dir, "/_sim/scenarios");
  }

  /** Sequential preflights with a token not yet cached, against two sequential raw calls with the same client. */
  private void latency() throws Exception {
    // Warm the JIT of both JVMs on clients of the throughput pool, so the figures below are steady state.
    load.closedLoop(8, Math.max(1, settings.throughputSeconds() / 2.0), n -> "fast-" + (n % settings.clientPool()));

    for (String family : List.of("fast", "slow")) {
      long latency = family.equals("fast") ? 0 : settings.latencyMs();
      int first = settings.clientPool();
      Timings bound = load.sequential(settings.latencyRuns(), i -> load.tokenThenCall(family + "-" + (first + i)));
      Timings ours = load.sequential(settings.latencyRuns(), i -> load.preflight(family + "-" + (first + i)));
      ourP50.put(family, ours.p50());
      report.value(family + ".p50", ours.p50());
      report.value(family + ".bound.p50", bound.p50());

      String at = " (Domo latency " + latency + " ms, token not cached)";
      report.row("preflight latency p50" + at, ms(ours.p50()), "bound (token + 1 call): " + ms(bound.p50()),
          "overhead " + ms(ours.p50() - bound.p50()));
      report.row("preflight latency p99" + at, ms(ours.p99()), "bound: " + ms(bound.p99()),
          "overhead " + ms(ours.p99() - bound.p99()));
      if (ours.failures() + bound.failures() > 0) {
        report.row("calls that failed or took over 20 s" + at, num(ours.failures()), "bound: " + num(bound.failures()),
            "");
      }
    }
  }

  private void throughput(int concurrency, String family, long latency) throws Exception {
    Loaded loaded = loaded(load, family, concurrency, service::cpuMs);
    report.value(family + ".perSecond", loaded.result().perSecond());
    report.value(family + ".cpuMs", loaded.serviceCpuMs());
    report.row("service CPU per preflight under that load, Domo latency " + latency + " ms",
        ms(loaded.serviceCpuMs()), "simulator CPU per preflight: " + ms(loaded.simulatorCpuMs()), "");
    report.row("completed preflights/s, concurrency " + concurrency + ", Domo latency " + latency + " ms ("
        + settings.clientPool() + " rotating clients, tokens cached)", num(loaded.result().perSecond()),
        loaded.latencies(), "");
  }

  /** CPU time a process (or a set of them) has used so far, in milliseconds. */
  @FunctionalInterface
  private interface CpuClock {
    double ms() throws java.io.IOException;
  }

  /** A closed loop's result, with CPU per preflight of the service side, the simulator, and Domo calls per run. */
  private record Loaded(PreflightLoad.Throughput result, double serviceCpuMs, double simulatorCpuMs,
                        double domoRequests, double tokens) {
    String latencies() {
      return "latency under load p50 " + ms(result.latencies().p50()) + ", p99 " + ms(result.latencies().p99())
          + "; failed " + result.failed();
    }
  }

  /** A first pass caches every pool client's token, as repeat checks do; then a closed loop at full concurrency. */
  private Loaded loaded(PreflightLoad via, String family, int concurrency, CpuClock serviceSide) throws Exception {
    int pool = settings.clientPool();
    Future.all(warmPass(via, family, pool, concurrency)).await(300, TimeUnit.SECONDS);
    simulator.delete("/_sim/requests");
    JsonObject simBefore = new JsonObject(simulator.get("/_sim/health"));

    double serviceCpu = serviceSide.ms();
    double simulatorCpu = simulator.cpuMs();
    PreflightLoad.Throughput result = via.closedLoop(concurrency, settings.throughputSeconds(),
        n -> family + "-" + (n % pool));
    double runs = Math.max(1, result.completed() + result.failed());
    double serviceCpuEach = (serviceSide.ms() - serviceCpu) / Math.max(1, result.completed());
    double simulatorCpuEach = (simulator.cpuMs() - simulatorCpu) / Math.max(1, result.completed());
    JsonObject simAfter = new JsonObject(simulator.get("/_sim/health"));
    simulator.delete("/_sim/requests");
    return new Loaded(result, serviceCpuEach, simulatorCpuEach,
        (simAfter.getInteger("requests") - simBefore.getInteger("requests")) / runs,
        (simAfter.getInteger("tokensIssued") - simBefore.getInteger("tokensIssued")) / runs);
  }

  /**
   * One node and {@value #CLUSTER_NODES} clustered nodes, each behind the same nginx, at the throughput phase's load.
   * Every JVM shares the machine's cores, so this shows what clustering and the proxy cost, not what more machines
   * would add.
   */
  private void cluster() throws Exception {
    if (Nginx.executable() == null) {
      report.machine("cluster phase skipped: nginx is not installed (apt-get install nginx)");
      return;
    }
    try (ClusterBench cluster = ClusterBench.start(jar, dir, serviceFlags(), serviceEnvironment(), CLUSTER_NODES,
        service.port)) {
      for (int i = 0; i < cluster.nodes.size(); i++) {
        ClusterBench.Node node = cluster.nodes.get(i);
        report.value("cluster.node" + (i + 1) + ".readyMs", node.process().startupMs);
        report.row("start-up to ready: clustered node " + (i + 1) + " of " + CLUSTER_NODES
                + " (`serve --cluster`, until `/health/ready`)", ms(node.process().startupMs),
            "of which joining (Hazelcast up, " + node.membersSeen() + " member(s)): " + ms(node.joinMs()), "");
      }
      PreflightLoad single = new PreflightLoad(vertx, cluster.singleListenPort, simulator.baseUrl(), simulator.port,
          4 * settings.concurrency());
      PreflightLoad three = new PreflightLoad(vertx, cluster.clusterListenPort, simulator.baseUrl(), simulator.port,
          4 * settings.concurrency());
      try {
        // The nodes are new JVMs: as for the single node before the latency phase, their JIT warms up first.
        three.closedLoop(settings.concurrency(), settings.throughputSeconds(),
            n -> "fast-" + (n % settings.clientPool()));
        for (String family : List.of("fast", "slow")) {
          clusterVersusOne(cluster, single, three, family, family.equals("fast") ? 0 : settings.latencyMs());
        }
      } finally {
        single.close().await(10, TimeUnit.SECONDS);
        three.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  private void clusterVersusOne(ClusterBench cluster, PreflightLoad single, PreflightLoad three, String family,
                                long latency) throws Exception {
    int concurrency = settings.concurrency();
    double nginxBefore = cluster.nginxCpuMs();
    Loaded one = loaded(single, family, concurrency, service::cpuMs);
    double nginxOne = (cluster.nginxCpuMs() - nginxBefore) / Math.max(1, one.result().completed());
    nginxBefore = cluster.nginxCpuMs();
    Loaded all = loaded(three, family, concurrency, cluster::nodesCpuMs);
    double nginxAll = (cluster.nginxCpuMs() - nginxBefore) / Math.max(1, all.result().completed());

    String at = ", concurrency " + concurrency + ", Domo latency " + latency + " ms";
    report.value("cluster." + family + ".perSecond", all.result().perSecond());
    report.value("cluster." + family + ".single.perSecond", one.result().perSecond());
    report.row("completed preflights/s behind nginx" + at + ": " + CLUSTER_NODES + " clustered nodes",
        num(all.result().perSecond()), "1 node behind the same nginx: " + num(one.result().perSecond()) + " ("
            + CLUSTER_NODES + " nodes / 1 node: " + ratio(all.result().perSecond(), one.result().perSecond()) + ")",
        "");
    report.row("latency behind nginx" + at + ": " + CLUSTER_NODES + " clustered nodes", all.latencies(),
        "1 node: " + one.latencies(), "");
    report.row("CPU per preflight behind nginx" + at + ": all " + CLUSTER_NODES + " nodes together",
        ms(all.serviceCpuMs()), "1 node: " + ms(one.serviceCpuMs()) + "; nginx: " + ms(nginxAll) + " and "
            + ms(nginxOne) + "; simulator: " + ms(all.simulatorCpuMs()) + " and " + ms(one.simulatorCpuMs()), "");
    report.row("Domo requests (tokens) per preflight behind nginx" + at + ": " + CLUSTER_NODES + " clustered nodes",
        num(all.domoRequests()) + " (" + num(all.tokens()) + ")",
        "1 node: " + num(one.domoRequests()) + " (" + num(one.tokens()) + ")", "");
  }

  private List<Future<?>> warmPass(PreflightLoad via, String family, int pool, int concurrency) {
    List<Future<?>> all = new ArrayList<>();
    int lanes = Math.min(concurrency, pool);
    for (int lane = 0; lane < lanes; lane++) {
      Future<?> chain = Future.succeededFuture();
      for (int n = lane; n < pool; n += lanes) {
        String client = family + "-" + n;
        chain = chain.compose(v -> via.preflight(client));
      }
      all.add(chain);
    }
    return all;
  }

  private void curlScript() throws Exception {
    CurlBaseline curl = CurlBaseline.write(dir);
    int first = settings.clientPool() + settings.latencyRuns();
    for (String family : List.of("fast", "slow")) {
      long latency = family.equals("fast") ? 0 : settings.latencyMs();
      Timings timings = curl.run(simulator.baseUrl(), settings.curlRuns(), i -> family + "-" + (first + i));
      report.row("hand check with curl, 6 sequential calls, p50 (Domo latency " + latency + " ms)",
          ms(ourP50.get(family)), "curl script: " + ms(timings.p50()), ratio(timings.p50(), ourP50.get(family)));
    }
  }

  /** Requests and bytes per preflight and per listing, on a tenth-size instance and then on the large one. */
  private void traffic() throws Exception {
    Path small = ScenarioFile.write(dir, "small", settings, settings.smallDatasets(), settings.smallPages(),
        settings.smallRows());
    try (JavaProcess smallSimulator = startSimulator("simulator-small", small)) {
      PreflightLoad smallLoad = new PreflightLoad(vertx, service.port, smallSimulator.baseUrl(), smallSimulator.port,
          4);
      trafficOn(smallSimulator, smallLoad, settings.smallDatasets() + " datasets, " + settings.smallRows() + " rows",
          "small");
      smallLoad.close().await();
    }
    trafficOn(simulator, load, settings.datasets() + " datasets, " + settings.rows() + " rows", "large");
  }

  private void trafficOn(JavaProcess sim, PreflightLoad on, String size, String key) throws Exception {
    String client = "slow-" + (settings.clientPool() + settings.latencyRuns() + settings.curlRuns());
    sim.delete("/_sim/requests");
    on.preflight(client).await(60, TimeUnit.SECONDS);
    DomoTraffic ours = DomoTraffic.of(new JsonArray(sim.get("/_sim/requests")));

    sim.delete("/_sim/requests");
    ListingBaseline listing = new ListingBaseline(vertx, sim.port);
    long started = System.nanoTime();
    listing.run(client).await(600, TimeUnit.SECONDS);
    double listingMs = (System.nanoTime() - started) / 1e6;
    listing.close().await();
    DomoTraffic theirs = DomoTraffic.of(new JsonArray(sim.get("/_sim/requests")));
    sim.delete("/_sim/requests");

    report.value(key + ".requests", ours.requests());
    report.value(key + ".bytesRead", ours.bytesRead());
    report.value(key + ".maxQueryBytes", ours.maxQueryBytes());
    report.value(key + ".queryRequests", ours.queryRequests());
    report.row("Domo requests per preflight, " + size, num(ours.requests()), "listing: " + num(theirs.requests()),
        ratio(theirs.requests(), ours.requests()));
    report.row("bytes sent to Domo per preflight, " + size, bytes(ours.bytesSent()),
        "listing: " + bytes(theirs.bytesSent()), ratio(theirs.bytesSent(), ours.bytesSent()));
    report.row("bytes read from Domo per preflight, " + size, bytes(ours.bytesRead()),
        "listing: " + bytes(theirs.bytesRead()), ratio(theirs.bytesRead(), ours.bytesRead()));
    report.row("DomoStats check, " + size + ": requests per check, largest answer",
        num(ours.queryRequests() / 3.0) + ", " + bytes(ours.maxQueryBytes()), "", "");
    report.row("time to a verdict, " + size + " (Domo latency " + settings.latencyMs() + " ms)",
        ms(ourP50.get("slow")), "listing: " + ms(listingMs), ratio(listingMs, ourP50.get("slow")));
  }

  /** Clients follow a few long runs; the heap is read while they are all connected, the delay when the runs end. */
  private void fanOut() throws Exception {
    double idleHeap = service.heapUsedAfterGcMiB();
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < settings.fanRuns(); i++) {
      runs.add(load.start("fan-" + i).await(30, TimeUnit.SECONDS));
    }
    long runsStarted = System.nanoTime();

    EventStreamClients.Tally tally = new EventStreamClients.Tally();
    List<String> deployments = new ArrayList<>();
    for (int loop = 0; loop < CLIENT_EVENT_LOOPS; loop++) {
      List<String> paths = new ArrayList<>();
      for (int c = loop; c < settings.sseClients(); c += CLIENT_EVENT_LOOPS) {
        paths.add("/api/v1/preflights/" + runs.get(c % runs.size()) + "/events");
      }
      deployments.add(vertx.deployVerticle(new EventStreamClients(service.port, paths, tally),
          new DeploymentOptions()).await(30, TimeUnit.SECONDS));
    }
    long deadline = runsStarted + TimeUnit.MILLISECONDS.toNanos(2 * settings.fanLatencyMs());
    while (tally.connected.get() + tally.refused.get() < settings.sseClients() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    double connectSeconds = (System.nanoTime() - runsStarted) / 1e9;
    int connected = tally.connected.get();
    double heap = service.heapUsedAfterGcMiB();
    boolean beforeVerdict = System.nanoTime() < runsStarted + TimeUnit.MILLISECONDS.toNanos(
        2 * settings.fanLatencyMs());

    long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * settings.fanLatencyMs() + 30_000);
    while (tally.ended.get() < connected && System.nanoTime() < waitUntil) {
      Thread.sleep(50);
    }
    for (String id : deployments) {
      vertx.undeploy(id).await(30, TimeUnit.SECONDS);
    }

    report.value("fan.connected", connected);
    report.value("fan.delivered", tally.delays.count());
    report.value("fan.heapMiB", heap);
    report.row("event-stream clients held at once (" + settings.fanRuns() + " runs)", num(connected),
        "target " + num(settings.sseClients()) + "; refused " + tally.refused.get() + "; all open after "
            + String.format(java.util.Locale.ROOT, "%.1f s", connectSeconds), "");
    report.row("service heap with them open (after a full GC" + (beforeVerdict ? "" : ", runs already done") + ")",
        bytes(mib(heap)), "idle: " + bytes(mib(idleHeap)) + "; per client "
            + bytes(mib(heap - idleHeap) / Math.max(1, connected)), "");
    report.row("event delivery delay p50 / p99 (`done` event, " + tally.delays.count() + " clients live)",
        ms(tally.delays.p50()) + " / " + ms(tally.delays.p99()), "replayed from the store: " + tally.replayed.get(),
        "");
  }

  /** Runs held open by a slow Domo; the heap they add, divided by their number. */
  private void memoryPerRun() throws Exception {
    double before = service.heapUsedAfterGcMiB();
    List<Future<String>> started = new ArrayList<>();
    for (int i = 0; i < settings.holdRuns(); i++) {
      started.add(load.start("hold-" + i));
    }
    Future.all(started).await(60, TimeUnit.SECONDS);
    double during = service.heapUsedAfterGcMiB();
    report.value("run.heapKiB", (during - before) * 1024 / settings.holdRuns());
    report.row("heap per run in flight (" + settings.holdRuns() + " runs waiting on Domo)",
        bytes(mib(during - before) / settings.holdRuns()), "", "");
  }

  private static double mib(double mebibytes) {
    return mebibytes * 1024 * 1024;
  }

  private void stop() throws Exception {
    if (load != null) {
      load.close().await(10, TimeUnit.SECONDS);
    }
    for (JavaProcess process : new JavaProcess[] {service, simulator}) {
      if (process != null) {
        process.close();
      }
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
