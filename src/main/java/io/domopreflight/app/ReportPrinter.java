package io.domopreflight.app;

import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.util.Locale;

/** Prints check results and reports for a terminal, one line per check as it lands. */
final class ReportPrinter {

  private final PrintStream out;

  ReportPrinter(PrintStream out) {
    this.out = out;
  }

  void check(JsonObject result) {
    out.printf("%-7s %-32s %6d ms  %s%n", label(result.getString("outcome")), result.getString("title"),
        result.getLong("durationMs", 0L), result.getString("message"));
    if (result.getString("hint") != null) {
      out.printf("%-48s  hint: %s%n", "", result.getString("hint"));
    }
    if (result.getString("response") != null) {
      out.printf("%-48s  Domo said: %s%n", "", oneLine(result.getString("response")));
    }
  }

  void summary(JsonObject report) {
    out.printf("Preflight %s: %s in %d ms%n", report.getString("id"),
        report.getString("outcome", "?").toUpperCase(Locale.ROOT), report.getLong("durationMs", 0L));
  }

  private static String label(String outcome) {
    return switch (outcome) {
      case "passed" -> "[PASS]";
      case "failed" -> "[FAIL]";
      case "skipped" -> "[SKIP]";
      default -> "[ERROR]";
    };
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
