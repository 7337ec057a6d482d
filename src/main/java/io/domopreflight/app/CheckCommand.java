package io.domopreflight.app;

import io.domopreflight.run.InvalidRequestException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
      request = JsonFile.readObject(requestFile, "request file");
    } catch (IllegalArgumentException unreadable) {
      System.err.println("error: " + unreadable.getMessage());
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

  /** 0 when every check passed, 1 when one failed, 2 when one could not be evaluated. */
  static int exitCode(JsonObject report) {
    return switch (report.getString("outcome")) {
      case "passed" -> 0;
      case "failed" -> 1;
      default -> Main.EXIT_USAGE;
    };
  }
}
