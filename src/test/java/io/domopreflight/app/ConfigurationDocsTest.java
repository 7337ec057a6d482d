package io.domopreflight.app;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The configuration table in the README")
class ConfigurationDocsTest {

  private static final Path DOC = Path.of("README.md");

  @Test
  @DisplayName("has a row for every built-in key, with its environment variable and its default")
  void documentsEveryKey() throws Exception {
    List<String> rows = Files.readAllLines(DOC).stream().filter(line -> line.startsWith("| `")).toList();

    for (String key : ServiceConfig.DEFAULTS.fieldNames()) {
      String row = rows.stream().filter(r -> r.startsWith("| `" + key + "` |")).findFirst()
          .orElseThrow(() -> new AssertionError(key + " is missing from " + DOC));
      assertThat(row).as(key).contains("`" + ServiceConfig.environmentName(key) + "`");
      String value = defaultText(ServiceConfig.DEFAULTS.getValue(key));
      // An empty list has no text to quote: the row says (none).
      assertThat(row).as(key).contains(value.isEmpty() ? "| (none) |" : "`" + value + "`");
    }
    for (String key : ServiceConfig.OPTIONAL_TEXT) {
      String row = rows.stream().filter(r -> r.startsWith("| `" + key + "` |")).findFirst()
          .orElseThrow(() -> new AssertionError(key + " is missing from " + DOC));
      assertThat(row).as(key).contains("`" + ServiceConfig.environmentName(key) + "`");
    }
  }

  private static String defaultText(Object value) {
    return value instanceof JsonArray list ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value);
  }
}
