package io.domopreflight.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Processes started by a test, each logging to a file in the test's directory, all killed when the test ends. */
public final class ChildProcesses implements AutoCloseable {

  final Path dir;
  private final List<Process> started = new ArrayList<>();
  private final Thread onExit = new Thread(this::killAll);

  ChildProcesses(Path dir) {
    this.dir = dir;
    // Also on a JVM that is stopped mid-test: no node outlives the build.
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /** Starts {@code command} in the test directory, its output in {@code <name>.log}. */
  Process start(String name, List<String> command, Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    synchronized (started) {
      started.add(process);
    }
    return process;
  }

  /** The last lines a process wrote, for a failure message. */
  String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The first of {@code count} consecutive free ports, for Hazelcast's auto-increment. */
  public static int freePortRange(int count) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + (int) (Math.random() * 30_000);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IOException("no " + count + " consecutive free ports found");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        socket.setReuseAddress(true);
      } catch (IOException busy) {
        return false;
      }
    }
    return true;
  }

  private void killAll() {
    synchronized (started) {
      started.forEach(Process::destroyForcibly);
    }
  }

  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it does the same.
    }
  }
}
