package io.domopreflight.sim;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a configured dataset answers, written as {@code kind} or {@code kind:argument}, e.g.
 * {@code missing_column:dataSourceId}.
 */
public record DatasetBehaviour(Kind kind, String argument) {

  public static final DatasetBehaviour OK = new DatasetBehaviour(Kind.OK, null);

  public enum Kind {
    OK, EMPTY, CASE_VARIANT, MISSING_COLUMN, NOT_SHARED, NOT_SHARED_400, DELETED, NO_SCHEMA, MALFORMED_QUERY,
    QUERY_ERROR_ONCE;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static DatasetBehaviour parse(String text) {
    if (text == null || text.isBlank()) {
      return OK;
    }
    String[] parts = text.trim().split(":", 2);
    Kind kind = Arrays.stream(Kind.values())
        .filter(k -> k.key().equals(parts[0].toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown dataset behaviour '" + text + "'. Known: "
            + Arrays.stream(Kind.values()).map(Kind::key).toList()));

    if (kind == Kind.MISSING_COLUMN && parts.length < 2) {
      throw new IllegalArgumentException("missing_column needs a column name, e.g. missing_column:dataSourceId");
    }
    return new DatasetBehaviour(kind, parts.length < 2 ? null : parts[1].trim());
  }

  /** Whether the client's user cannot see this dataset at all, so it is left out of the list too. */
  boolean hidden() {
    return kind == Kind.NOT_SHARED || kind == Kind.NOT_SHARED_400;
  }

  @Override
  public String toString() {
    return argument == null ? kind.key() : kind.key() + ":" + argument;
  }
}
