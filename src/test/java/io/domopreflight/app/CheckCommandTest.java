package io.domopreflight.app;

import io.domopreflight.sim.DomoSimulator;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The check command")
class CheckCommandTest {

  private static Vertx vertx;
  private static DomoSimulator simulator;
  @TempDir
  static Path dir;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    simulator = DomoSimulator.start(vertx, SimulatorConfig.defaults()).await(10, TimeUnit.SECONDS);
    config = dir.resolve("config.json");
    Files.writeString(config, new JsonObject()
        .put("domo.allowedHosts", new JsonArray().add("http://127.0.0.1"))
        .put("run.deadlineMs", 5000).encode());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("prints a line per check and exits 0 when everything passes")
  void exitsZeroWhenPassed() throws Exception {
    Result result = check(request("all-passing"));

    assertThat(result.code).isZero();
    assertThat(result.out).contains("[PASS]  Authentication").contains("Check successful. Cards API is working.")
        .contains("PASSED");
  }

  @Test
  @DisplayName("prints the final report as JSON and exits 1 when a check failed")
  void printsJsonAndExitsOneWhenFailed() throws Exception {
    Result result = check(request("missing-dashboard-scope"), "--json");

    assertThat(result.code).isEqualTo(1);
    JsonObject report = new JsonObject(result.out);
    assertThat(report.getString("outcome")).isEqualTo("failed");
    assertThat(report.getJsonArray("checks")).hasSize(6);
  }

  @Test
  @DisplayName("exits 2 when a check could not be evaluated")
  void exitsTwoOnError() throws Exception {
    assertThat(check(request("rate-limited")).code).isEqualTo(2);
  }

  @Test
  @DisplayName("exits 2 with a message on a missing file, broken JSON or an invalid request")
  void exitsTwoOnBadInput() throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"clientId\": ");
    Path invalid = dir.resolve("invalid.json");
    Files.writeString(invalid, new JsonObject().put("clientId", 42).encode());

    Result missing = run("--request", dir.resolve("nope.json").toString());
    Result notJson = run("--request", broken.toString());
    Result notValid = run("--request", invalid.toString(), "--config", config.toString());

    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err).contains("no request file");
    assertThat(notJson.code).isEqualTo(2);
    assertThat(notJson.err).contains(broken + " is not valid JSON (it ends too early at line 1, column 14)");
    assertThat(notValid.code).isEqualTo(2);
    assertThat(notValid.err).contains("clientId: must be a string").contains("clientSecret: is required");
  }

  @Test
  @DisplayName("says a file is not UTF-8, without Java's decoder message")
  void namesInvalidUtf8() throws Exception {
    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, "{\"clientSecret\": \"s\u00e9cret\"}".getBytes(StandardCharsets.ISO_8859_1));

    Result result = run("--request", latin1.toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err.strip()).isEqualTo("error: " + latin1 + " is not valid UTF-8");
  }

  @Test
  @DisplayName("says where JSON is broken without quoting the file, which holds a secret")
  void placesInvalidJsonWithoutQuotingIt() throws Exception {
    Path broken = dir.resolve("unquoted.json");
    Files.writeString(broken, "{\n  \"clientId\": \"id\",\n  \"clientSecret\": hunter2\n}");
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, " \n");

    Result result = run("--request", broken.toString());
    Result none = run("--request", empty.toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err.strip())
        .isEqualTo("error: " + broken + " is not valid JSON (unexpected content at line 3, column 26)");
    assertThat(result.err).doesNotContain("hunter2");
    assertThat(none.code).isEqualTo(2);
    assertThat(none.err.strip()).isEqualTo("error: " + empty + " is not valid JSON (the file is empty)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[]", "[{\"clientId\": \"x\"}]", "42", "\"text\"", "null"})
  @DisplayName("says valid JSON that is not an object is not a JSON object")
  void refusesJsonThatIsNotAnObject(String json) throws Exception {
    Path file = dir.resolve("not-an-object.json");
    Files.writeString(file, json);

    Result result = run("--request", file.toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err.strip()).isEqualTo("error: " + file + " is not a JSON object");
  }

  @Test
  @DisplayName("says what is wrong with a --config file and names it, without quoting it: it may hold API keys")
  void namesABrokenConfigurationFile() throws Exception {
    Path broken = dir.resolve("broken-config.json");
    Files.writeString(broken, "{\"auth.apiKeys\": [sesame]}");
    Path list = dir.resolve("list-config.json");
    Files.writeString(list, "[]");
    Path request = request("all-passing");

    Result notJson = run("--request", request.toString(), "--config", broken.toString());
    Result notObject = run("--request", request.toString(), "--config", list.toString());
    Result missing = run("--request", request.toString(), "--config", dir.resolve("absent.json").toString());

    assertThat(notJson.code).isEqualTo(2);
    assertThat(notJson.err.strip())
        .isEqualTo("error: " + broken + " is not valid JSON (unexpected content at line 1, column 25)");
    assertThat(notJson.err).doesNotContain("sesame");
    assertThat(notObject.code).isEqualTo(2);
    assertThat(notObject.err.strip()).isEqualTo("error: " + list + " is not a JSON object");
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err.strip()).isEqualTo("error: no configuration file " + dir.resolve("absent.json"));
  }

  @Test
  @DisplayName("reads a file that starts with a UTF-8 byte order mark, as Windows Notepad saves it")
  void acceptsByteOrderMark() throws Exception {
    Path withBom = dir.resolve("notepad.json");
    Files.writeString(withBom, "\uFEFF" + simulator.scenarioRequest("all-passing").encodePrettily());

    Result result = check(withBom);

    assertThat(result.code).isZero();
    assertThat(result.err).doesNotContain("error:");
  }

  private static Path request(String scenario) throws Exception {
    JsonObject request = simulator.scenarioRequest(scenario);
    Path file = dir.resolve(scenario + ".json");
    Files.writeString(file, request.encode());
    return file;
  }

  private static Result check(Path request, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "--request";
    args[1] = request.toString();
    args[2] = "--config";
    args[3] = config.toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return run(args);
  }

  private static synchronized Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new CheckCommand()).execute(args);
      return new Result(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private record Result(int code, String out, String err) {
  }
}
