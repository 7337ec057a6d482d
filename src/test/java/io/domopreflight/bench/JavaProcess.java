package io.domopreflight.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command of the service's jar ({@code simulator} or {@code serve}) in its own JVM, so that the harness, the
 * simulator and the service never share a heap or an event loop. Its output goes to a file beside the scenarios.
 */
final class JavaProcess implements AutoCloseable {

  private static final HttpClient CONTROL = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** One line per heap space: G1 has one ("garbage-first heap"), Serial and Parallel one per generation. */
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  final String name;
  final int port;
  final Process process;
  final double startupMs;

  private JavaProcess(String name, int port, Process process, double startupMs) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.startupMs = startupMs;
  }

  /** Starts the command and waits until {@code readyPath} answers 200; the wait is the start-up time. */
  static JavaProcess start(String name, Path jar, List<String> jvmFlags, List<String> args, Map<String, String> env,
                           Path logDir, String readyPath) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.net.preferIPv4Stack=true"));
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(args);
    command.addAll(List.of("--port", String.valueOf(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logDir.resolve(name + ".log").toFile());
    builder.environment().putAll(env);

    long started = System.nanoTime();
    Process process = builder.start();
    long giveUp = started + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < giveUp) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
            + logDir.resolve(name + ".log"));
      }
      if (status(port, readyPath) == 200) {
        return new JavaProcess(name, port, process, (System.nanoTime() - started) / 1e6);
      }
      Thread.sleep(10);
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " was not ready within 60 s; see " + logDir.resolve(name + ".log"));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** The status of a GET on loopback, or -1 when nothing answers yet. */
  static int status(int port, String path) {
    try {
      return CONTROL.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  String get(String path) throws IOException, InterruptedException {
    return CONTROL.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  void delete(String path) throws IOException, InterruptedException {
    CONTROL.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /**
   * CPU time the process has used so far (user + system), in milliseconds. Per preflight it is the figure that other
   * builds sharing the machine do not distort, unlike a rate.
   */
  double cpuMs() throws IOException {
    return cpuMs(pid());
  }

  /** {@link #cpuMs()} of any process of this machine, such as a load balancer in front of the service. */
  static double cpuMs(long pid) throws IOException {
    String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 and 15 of proc(5), counted from the state field, which is field 3; clock ticks of 10 ms.
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
  }

  /** Heap in use after a full collection, in MiB, read with {@code jcmd}; what stays is what the process holds. */
  double heapUsedAfterGcMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    // The JVM picks its collector from the machine (Serial on one CPU), so every space's figure is added up.
    String info = jcmd("GC.heap_info");
    Matcher used = HEAP_USED.matcher(info);
    long usedKiB = 0;
    boolean found = false;
    while (used.find()) {
      usedKiB += Long.parseLong(used.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("jcmd GC.heap_info gave no heap figure for " + name + ": " + info);
    }
    return usedKiB / 1024.0;
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(pid()), what).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
