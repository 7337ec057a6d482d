package io.domopreflight.app;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The command line")
class MainTest {

  @Test
  @DisplayName("without a command prints usage to standard error and exits 2")
  void noCommandIsAUsageError() {
    Result result = execute();

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).contains("Usage: domo-preflight").contains("serve").contains("demo");
  }

  @Test
  @DisplayName("prints usage to standard output and exits 0 with --help")
  void helpIsNotAnError() {
    Result result = execute("--help");

    assertThat(result.code).isZero();
    assertThat(result.out).contains("Usage: domo-preflight");
    assertThat(result.err).isEmpty();
  }

  @Test
  @DisplayName("prints its version and exits 0 with --version")
  void printsVersion() {
    Result result = execute("--version");

    assertThat(result.code).isZero();
    assertThat(result.out.strip()).isEqualTo(Main.Version.text());
  }

  @ParameterizedTest(name = "{0} --port {1}")
  @CsvSource({"demo,70000", "demo,65536", "demo,-1", "demo,abc", "demo,8080.5", "serve,70000", "serve,-1",
      "simulator,70000", "simulator,99999999999"})
  @DisplayName("refuses a --port that is not 0 to 65535 while parsing, before the command runs")
  void refusesBadPortWhileParsing(String command, String port) {
    assertThatThrownBy(() -> Main.commandLine().parseArgs(command, "--port", port))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--port must be a port from 0 to 65535, not " + port);

    Result result = execute(command, "--port", port);

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err)
        .startsWith("error: --port must be a port from 0 to 65535, not " + port + System.lineSeparator());
    assertThat(result.out).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"simulator,--latency-ms,-5", "simulator,--jitter-ms,-1", "simulator,--datasets,-3",
      "simulator,--pages,x", "demo,--latency-ms,-1", "demo,--jitter-ms,1.5"})
  @DisplayName("refuses a negative or non-numeric delay or size while parsing, with exit code 2")
  void refusesNegativeNumbers(String command, String option, String value) {
    Result result = execute(command, option, value);

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).startsWith("error: Invalid value for option '" + option + "': must be a whole number, 0 or "
        + "more, not " + value);
    assertThat(result.out).isEmpty();
  }

  @ParameterizedTest(name = "{0} --port {1}")
  @CsvSource({"demo,0", "demo,65535", "serve,0", "serve,8080", "simulator,0", "simulator,65535"})
  @DisplayName("takes any port from 0 (a free one) to 65535")
  void takesPorts(String command, int port) {
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(command, "--port", String.valueOf(port));

    Object options = parsed.subcommand().commandSpec().userObject();
    Integer taken = options instanceof DemoCommand demo ? demo.port
        : options instanceof ServeCommand serve ? serve.port : ((SimulatorCommand) options).port;
    assertThat(taken).isEqualTo(port);
  }

  private static Result execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {
  }
}
