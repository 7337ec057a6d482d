package io.domopreflight.app;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The packaged jar")
class PackagedJarIT {

  private static final String PROVIDERS = "META-INF/services/io.vertx.core.spi.VertxServiceProvider";

  @ParameterizedTest(name = "prints its version with {0} --version")
  @ValueSource(strings = {"", "serve", "demo", "check", "simulator"})
  @DisplayName("prints the version from its manifest on every command")
  void printsItsVersion(String command) throws Exception {
    String output = command.isEmpty() ? JarProcess.run("--version") : JarProcess.run(command, "--version");

    assertThat(output.strip()).isEqualTo("domo-preflight " + System.getProperty("preflight.version", "0.1.0"));
  }

  @ParameterizedTest(name = "prints usage with {0} --help")
  @ValueSource(strings = {"serve", "demo", "check", "simulator"})
  @DisplayName("prints usage on every command")
  void printsHelp(String command) throws Exception {
    assertThat(JarProcess.run(command, "--help")).contains("Usage: domo-preflight " + command).contains("--version");
  }

  @Test
  @DisplayName("exits 2 with its usage when no command is named")
  void exitsTwoWithoutACommand() throws Exception {
    try (JarProcess jar = finished(JarProcess.start(Map.of()))) {
      assertThat(jar.process.exitValue()).isEqualTo(2);
      assertThat(String.join("\n", jar.lines())).contains("Usage: domo-preflight");
    }
  }

  @ParameterizedTest(name = "refuses {0} --port 70000")
  @ValueSource(strings = {"serve", "demo", "simulator"})
  @DisplayName("refuses a port above 65535 with one message and exit 2, before it starts or logs anything")
  void refusesAPortOutOfRange(String command) throws Exception {
    try (JarProcess jar = finished(JarProcess.start(Map.of(), command, "--port", "70000"))) {
      assertThat(jar.process.exitValue()).isEqualTo(2);
      assertThat(jar.lines().get(0)).isEqualTo("error: --port must be a port from 0 to 65535, not 70000");
      assertThat(String.join("\n", jar.lines())).doesNotContain("WARN").doesNotContain("INFO");
    }
  }

  @Test
  @DisplayName("serves the demo page on 127.0.0.1 only, and prints that address")
  void demoListensOnLoopbackOnly() throws Exception {
    int port = JarProcess.freePort();
    try (JarProcess demo = JarProcess.start(Map.of(), "demo", "--port", "" + port, "--latency-ms", "0",
        "--jitter-ms", "0")) {
      demo.awaitLine("Open http://127.0.0.1:" + port + "/ ", 60_000);

      HttpURLConnection page = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL()
          .openConnection();
      assertThat(page.getResponseCode()).isEqualTo(200);
      Optional<InetAddress> lan = nonLoopbackAddress();
      if (lan.isPresent()) {
        assertThatThrownBy(() -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(lan.get(), port), 2000);
          }
        }).isInstanceOf(IOException.class);
      }
    }
  }

  private static JarProcess finished(JarProcess jar) throws InterruptedException {
    if (!jar.process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("did not finish; output:\n" + String.join("\n", jar.lines()));
    }
    return jar;
  }

  /** An IPv4 address of this machine other than loopback, if it has one, to knock on from outside loopback. */
  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    return NetworkInterface.networkInterfaces().filter(nic -> {
      try {
        return nic.isUp() && !nic.isLoopback();
      } catch (SocketException e) {
        return false;
      }
    }).flatMap(NetworkInterface::inetAddresses).filter(Inet4Address.class::isInstance).findFirst();
  }

  @Test
  @DisplayName("keeps both Vert.x service providers: metrics and the Hazelcast cluster manager")
  void keepsBothServiceProviders() throws Exception {
    try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
      String providers = new String(jar.getInputStream(jar.getEntry(PROVIDERS)).readAllBytes(),
          StandardCharsets.UTF_8);

      assertThat(providers).contains("io.vertx.micrometer.MicrometerMetricsFactory")
          .contains("io.vertx.spi.cluster.hazelcast.HazelcastClusterManager");
      assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version"))
          .isEqualTo(System.getProperty("preflight.version", "0.1.0"));
    }
  }
}
