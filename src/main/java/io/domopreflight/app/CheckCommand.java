package io.domopreflight.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.domopreflight.run.InvalidRequestException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Runs one preflight in this process and prints each check as it lands. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Runs a preflight in-process and prints a line per check as it finishes.",
        "Exit code: 0 passed, 1 failed, 2 error or bad input."})
final class CheckCommand implements Callable<Integer> {

  @Option(names = "--request", required = true, paramLabel = "FILE",
      description = "The preflight request as JSON ('-' reads standard input).")
  String requestFile;

  @Option(names = "--json", description = "Print the final report as JSON instead of a line per check.")
  boolean json;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: conf/config.json).")
  String configFile;

  @Override
  public Integer call() {
    JsonObject request;
    try {
      Object value = parse(read(requestFile));
      if (!(value instanceof JsonObject object)) {
        System.err.println("error: " + requestFile + " is not a JSON object");
        return Main.EXIT_USAGE;
      }
      request = object;
    } catch (NoSuchFileException e) {
      System.err.println("error: no request file " + requestFile);
      return Main.EXIT_USAGE;
    } catch (CharacterCodingException e) {
      System.err.println("error: " + requestFile + " is not valid UTF-8");
      return Main.EXIT_USAGE;
    } catch (IOException e) {
      System.err.println("error: cannot read " + requestFile + ": " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (DecodeException e) {
      System.err.println("error: " + requestFile + " is not valid JSON (" + whereInvalid(e) + ")");
      return Main.EXIT_USAGE;
    }

    ReportPrinter printer = new ReportPrinter(System.out);
    try (LocalPreflight preflight = LocalPreflight.start(configFile)) {
      JsonObject report = preflight.run(request, json ? event -> { } : printer::check);
      if (json) {
        System.out.println(report.encodePrettily());
      } else {
        printer.summary(report);
      }
      return exitCode(report);
    } catch (InvalidRequestException invalid) {
      System.err.println("error: the request is not valid:");
      invalid.errors().forEach(e -> System.err.println("  " + e.describe()));
      return Main.EXIT_USAGE;
    } catch (IllegalArgumentException badConfig) {
      System.err.println("error: " + badConfig.getMessage());
      return Main.EXIT_USAGE;
    }
  }

  /**
   * The file as strict UTF-8, without the byte order mark some Windows editors write first.
   *
   * @throws CharacterCodingException when it is not UTF-8
   */
  private static String read(String file) throws IOException {
    byte[] bytes = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Any JSON value, so that valid JSON of the wrong shape gets its own message. */
  private static Object parse(String text) {
    if (text.isBlank()) {
      throw new DecodeException("empty");
    }
    return Json.decodeValue(text);
  }

  /**
   * Where the JSON went wrong and roughly why, from the parser's location only: its message can quote the file,
   * which holds a client secret.
   */
  private static String whereInvalid(DecodeException e) {
    if (!(e.getCause() instanceof JsonProcessingException parsing) || parsing.getLocation() == null) {
      return "empty".equals(e.getMessage()) ? "the file is empty" : "it does not parse";
    }
    String why = parsing instanceof JsonEOFException ? "it ends too early" : "unexpected content";
    return why + " at line " + parsing.getLocation().getLineNr() + ", column " + parsing.getLocation().getColumnNr();
  }

  /** 0 when every check passed, 1 when one failed, 2 when one could not be evaluated. */
  static int exitCode(JsonObject report) {
    return switch (report.getString("outcome")) {
      case "passed" -> 0;
      case "failed" -> 1;
      default -> Main.EXIT_USAGE;
    };
  }
}
