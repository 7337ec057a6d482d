package io.domopreflight.check;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code docs/troubleshooting.md} from {@link Verdict}, so that the guide says exactly what a run shows. A test
 * fails when the committed file differs from {@link #render()}; it also regenerates the file on request.
 */
public final class TroubleshootingGuide {

  public static final String PATH = "docs/troubleshooting.md";
  public static final String REGENERATE =
      "mvn -o test -Dtest=TroubleshootingGuideTest -Dtroubleshooting.write=true";

  /** What the words in braces stand for, in the order a reader meets them. */
  private static final Map<String, String> PLACEHOLDERS = placeholders();

  private TroubleshootingGuide() {
  }

  public static String render() {
    StringBuilder doc = new StringBuilder();
    doc.append("# Troubleshooting preflight verdicts\n\n")
        .append("<!-- Generated from Verdict by TroubleshootingGuide; do not edit. Regenerate with:\n")
        .append("     ").append(REGENERATE).append(" -->\n\n")
        .append("Every check ends `passed`, `failed` (something to fix in Domo or in the request), `error` (the check ")
        .append("could not be\nevaluated; the hint says whether to wait, retry or fix the network) or `skipped`. ")
        .append("Below is every other verdict\na check can give, by category, with the message and hint exactly as ")
        .append("a run shows them. Words in braces are\nfilled in from the run:\n\n");
    PLACEHOLDERS.forEach((name, meaning) -> doc.append("- `{").append(name).append("}`: ").append(meaning)
        .append('\n'));

    for (String category : categories()) {
      doc.append("\n## ").append(category).append("\n");
      Arrays.stream(Verdict.values()).filter(v -> category.equals(categoryOf(v))).forEach(v -> entry(doc, v));
    }
    return doc.toString();
  }

  private static void entry(StringBuilder doc, Verdict verdict) {
    doc.append("\n### ").append(title(verdict)).append("\n\n")
        .append("- Outcome: `").append(verdict.outcome().wire()).append('`')
        .append(verdict.category() == null ? "" : ", category `" + verdict.category().wire() + "`")
        .append(" (`").append(verdict.name()).append("`)\n")
        .append("- You see: ").append(verdict.messageTemplate()).append('\n')
        .append("- What to do: ").append(verdict.hintTemplate()).append('\n');
  }

  private static List<String> categories() {
    return Arrays.stream(Verdict.values()).map(TroubleshootingGuide::categoryOf).distinct().toList();
  }

  private static String categoryOf(Verdict verdict) {
    return verdict.category() == null ? "skipped" : verdict.category().wire().replace('_', ' ');
  }

  /** {@code DATASET_NOT_SHARED} -> {@code Dataset not shared}. */
  private static String title(Verdict verdict) {
    String words = verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static Map<String, String> placeholders() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("title", "the check's title, such as Datasets API");
    map.put("endpoint", "the Domo call, such as `GET /v1/datasets`");
    map.put("apiHost", "the API host the run called");
    map.put("status", "the HTTP status Domo answered");
    map.put("scope", "the OAuth scope Domo says is missing (`data` or `dashboard`)");
    map.put("timeoutMs", "the time the check had, in milliseconds");
    map.put("detail", "what happened, in words (a refused connection, a name that does not resolve, a TLS failure)");
    map.put("field", "the request field, such as `cards` in `domoStats.cards`");
    map.put("report", "the DomoStats report the field expects, such as Card Pages");
    map.put("datasetId", "the DataSet ID from the request");
    map.put("given", "the text given where a DataSet ID was expected");
    map.put("found", "the DomoStats report or the columns the DataSet really has");
    map.put("foundField", "the request field where that report belongs");
    map.put("missing", "the expected columns the DataSet lacks");
    map.put("expected", "the columns the report should have");
    return map;
  }
}
