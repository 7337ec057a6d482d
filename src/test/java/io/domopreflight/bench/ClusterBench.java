package io.domopreflight.bench;

import io.domopreflight.cluster.ChildProcesses;
import io.domopreflight.cluster.Nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clustered nodes ({@code serve --cluster}, one JVM each, started one after the other) and one nginx in front: one
 * listener balances over the nodes, another passes to the single node of the other phases, so both are measured
 * behind the same proxy. Closing stops nginx and every node.
 */
final class ClusterBench implements AutoCloseable {

  private static final Pattern JOINED = Pattern.compile("Joined cluster \\S+ in (\\d+) ms as one of (\\d+) node");

  /** A node, with the time its log gives for joining (Hazelcast up, members agreed) within its start-up. */
  record Node(JavaProcess process, double joinMs, int membersSeen) {
  }

  final List<Node> nodes = new ArrayList<>();
  int clusterListenPort;
  int singleListenPort;
  private Process nginx;

  private ClusterBench() {
  }

  /** Starts {@code count} nodes with the service's environment, then nginx; fails if any is not ready in time. */
  static ClusterBench start(Path jar, Path dir, List<String> jvmFlags, Map<String, String> serviceEnvironment,
                            int count, int singleNodePort) throws Exception {
    Path executable = Nginx.executable();
    if (executable == null) {
      throw new IllegalStateException("nginx is not installed (apt-get install nginx)");
    }
    ClusterBench bench = new ClusterBench();
    try {
      bench.startNodes(jar, dir, jvmFlags, serviceEnvironment, count);
      bench.startNginx(executable, dir, singleNodePort);
      return bench;
    } catch (Exception e) {
      bench.close();
      throw e;
    }
  }

  private void startNodes(Path jar, Path dir, List<String> jvmFlags, Map<String, String> serviceEnvironment,
                          int count) throws Exception {
    Map<String, String> env = new HashMap<>(serviceEnvironment);
    env.put("PREFLIGHT_CLUSTER_NAME", "preflight-bench-" + UUID.randomUUID());
    env.put("PREFLIGHT_CLUSTER_MEMBERS", "127.0.0.1");
    env.put("PREFLIGHT_CLUSTER_HOST", "127.0.0.1");
    env.put("PREFLIGHT_CLUSTER_PORT", String.valueOf(ChildProcesses.freePortRange(count + 5)));
    for (int i = 1; i <= count; i++) {
      String name = "node" + i;
      // Ready means deployed and Hazelcast reporting the cluster safe, so each node's wait includes its join.
      JavaProcess node = JavaProcess.start(name, jar, jvmFlags, List.of("serve", "--cluster"), env, dir,
          "/health/ready");
      Matcher joined = JOINED.matcher(Files.readString(dir.resolve(name + ".log")));
      nodes.add(joined.find()
          ? new Node(node, Double.parseDouble(joined.group(1)), Integer.parseInt(joined.group(2)))
          : new Node(node, Double.NaN, 0));
    }
  }

  private void startNginx(Path executable, Path dir, int singleNodePort) throws Exception {
    clusterListenPort = JavaProcess.freePort();
    singleListenPort = JavaProcess.freePort();
    Map<Integer, List<Integer>> listeners = new LinkedHashMap<>();
    listeners.put(clusterListenPort, nodes.stream().map(n -> n.process().port).toList());
    listeners.put(singleListenPort, List.of(singleNodePort));
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, Nginx.config(listeners));
    nginx = new ProcessBuilder(Nginx.command(executable, dir, conf)).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.log").toFile()).start();

    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (JavaProcess.status(clusterListenPort, "/health/live") != 200
        || JavaProcess.status(singleListenPort, "/health/live") != 200) {
      if (!nginx.isAlive() || System.nanoTime() > giveUp) {
        throw new IllegalStateException("nginx did not start; see " + dir.resolve("nginx.log") + " and "
            + dir.resolve("error.log"));
      }
      Thread.sleep(20);
    }
  }

  /** CPU time used so far by every node, in milliseconds. */
  double nodesCpuMs() throws IOException {
    double total = 0;
    for (Node node : nodes) {
      total += node.process().cpuMs();
    }
    return total;
  }

  double nginxCpuMs() throws IOException {
    return JavaProcess.cpuMs(nginx.pid());
  }

  @Override
  public void close() throws InterruptedException {
    if (nginx != null) {
      nginx.destroy();
      nginx.waitFor(10, TimeUnit.SECONDS);
    }
    for (Node node : nodes) {
      node.process().close();
    }
  }
}
