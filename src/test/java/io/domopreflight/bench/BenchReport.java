package io.domopreflight.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run as a Markdown table: ours, what it is compared with, and the ratio. */
final class BenchReport {

  /** One line of the table; {@code reference} and {@code ratio} are empty when a figure stands alone. */
  record Row(String figure, String ours, String reference, String ratio) {
  }

  private final List<String> machine = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Double> values = new LinkedHashMap<>();

  void machine(String line) {
    machine.add(line);
  }

  void row(String figure, String ours, String reference, String ratio) {
    rows.add(new Row(figure, ours, reference, ratio));
  }

  void row(String figure, String ours) {
    row(figure, ours, "", "");
  }

  /** Keeps a raw value by key, for the smoke test and for derived figures. */
  double value(String key, double value) {
    values.put(key, value);
    return value;
  }

  Map<String, Double> values() {
    return values;
  }

  List<Row> rows() {
    return rows;
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.1f ms", millis);
  }

  static String num(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
  }

  static String bytes(double bytes) {
    if (bytes >= 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024 / 1024);
    }
    return bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024) : String.format("%.0f B", bytes);
  }

  /** How many times the reference's figure is ours ({@code x} suffix), or empty when undefined. */
  static String ratio(double reference, double ours) {
    if (ours <= 0 || Double.isNaN(ours) || Double.isNaN(reference)) {
      return "";
    }
    double r = reference / ours;
    return String.format(Locale.ROOT, r >= 100 ? "%,.0fx" : "%.2fx", r);
  }

  String markdown() {
    StringBuilder text = new StringBuilder();
    machine.forEach(line -> text.append("- ").append(line).append('\n'));
    text.append("\n| figure | ours | compared with | ratio (them / us) |\n|---|---|---|---|\n");
    rows.forEach(row -> text.append("| ").append(row.figure()).append(" | ").append(row.ours()).append(" | ")
        .append(row.reference()).append(" | ").append(row.ratio()).append(" |\n"));
    return text.toString();
  }
}
