package io.domopreflight.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar started in its own JVM, its output (standard output and error) kept in a file. */
final class JarProcess implements AutoCloseable {

  final Process process;
  private final Path output;

  private JarProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("preflight.jar", "target/domo-preflight.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with mvn package (mvn verify runs this test)");
    }
    return jar;
  }

  static JarProcess start(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("domo-preflight-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    return new JarProcess(builder.start(), output);
  }

  /** Runs to completion and answers the output; fails when it takes longer than a short command should. */
  static String run(String... args) throws Exception {
    try (JarProcess jar = start(Map.of(), args)) {
      if (!jar.process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish");
      }
      return String.join("\n", jar.lines());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** What the process printed so far. */
  List<String> lines() {
    try {
      return Files.readAllLines(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until a line containing {@code text} is printed. */
  void awaitLine(String text, long timeoutMs) throws InterruptedException {
    long until = System.currentTimeMillis() + timeoutMs;
    while (lines().stream().noneMatch(line -> line.contains(text))) {
      if (System.currentTimeMillis() > until || !process.isAlive()) {
        throw new AssertionError("no line with '" + text + "'; output:\n" + String.join("\n", lines()));
      }
      Thread.sleep(50);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(output);
  }
}
