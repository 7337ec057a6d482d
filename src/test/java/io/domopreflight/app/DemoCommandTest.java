package io.domopreflight.app;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The demo command")
class DemoCommandTest {

  @Test
  @DisplayName("serves its page on 127.0.0.1 only when nothing asks for another interface")
  void listensOnLoopbackByDefault() {
    assertThat(demo().httpHost(Map.of())).isEqualTo("127.0.0.1");
    assertThat(demo().httpHost(Map.of("PREFLIGHT_HTTP_HOST", " "))).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("listens where PREFLIGHT_HTTP_HOST says, and where --host says before that")
  void listensWhereAsked() {
    assertThat(demo().httpHost(Map.of("PREFLIGHT_HTTP_HOST", "0.0.0.0"))).isEqualTo("0.0.0.0");
    assertThat(demo("--host", "0.0.0.0").httpHost(Map.of())).isEqualTo("0.0.0.0");
    assertThat(demo("--host", "192.0.2.7").httpHost(Map.of("PREFLIGHT_HTTP_HOST", "0.0.0.0")))
        .isEqualTo("192.0.2.7");
  }

  @Test
  @DisplayName("on loopback answers to loopback names only, unless http.serverNames names others")
  void answersToLoopbackNamesOnLoopback() {
    assertThat(DemoCommand.serverNames("127.0.0.1", new JsonArray()))
        .containsExactly("127.0.0.1", "localhost", "::1");
    assertThat(DemoCommand.serverNames("[::1]", new JsonArray())).contains("localhost");
    assertThat(DemoCommand.serverNames("127.0.0.1", new JsonArray().add("demo.internal")))
        .containsExactly("demo.internal");
    assertThat(DemoCommand.serverNames("0.0.0.0", new JsonArray())).isEmpty();
  }

  @Test
  @DisplayName("prints the page address a browser on this machine can open")
  void printsThePageAddress() {
    assertThat(DemoCommand.pageAddress("127.0.0.1", 8080)).isEqualTo("http://127.0.0.1:8080/");
    assertThat(DemoCommand.pageAddress("0.0.0.0", 8080)).isEqualTo("http://localhost:8080/");
    assertThat(DemoCommand.pageAddress("::", 8080)).isEqualTo("http://localhost:8080/");
    assertThat(DemoCommand.pageAddress("::1", 9000)).isEqualTo("http://[::1]:9000/");
    assertThat(DemoCommand.pageAddress("192.0.2.7", 9000)).isEqualTo("http://192.0.2.7:9000/");
  }

  private static DemoCommand demo(String... args) {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs(args);
    return demo;
  }
}
