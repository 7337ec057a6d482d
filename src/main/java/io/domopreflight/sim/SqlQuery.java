package io.domopreflight.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small SQL dialect the simulator understands: {@code SELECT * | col, col FROM table [LIMIT n] [OFFSET m]}. The
 * table is literally called {@code table}, as in Domo's query API; column names may be quoted with backticks or
 * double quotes.
 */
record SqlQuery(List<String> columns, Long limit, long offset) {

  private static final Pattern SELECT = Pattern.compile(
      "^\\s*select\\s+(.+?)\\s+from\\s+`?table`?(?:\\s+limit\\s+(\\d+))?(?:\\s+offset\\s+(\\d+))?\\s*;?\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** The parsed query, or empty when the text is outside the dialect. */
  static Optional<SqlQuery> parse(String sql) {
    Matcher matcher = SELECT.matcher(sql);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    List<String> columns = new ArrayList<>();
    String selection = matcher.group(1).trim();
    if (!selection.equals("*")) {
      for (String part : selection.split(",")) {
        columns.add(unquote(part.trim()));
      }
    }
    Long limit = matcher.group(2) == null ? null : Long.parseLong(matcher.group(2));
    long offset = matcher.group(3) == null ? 0 : Long.parseLong(matcher.group(3));
    return Optional.of(new SqlQuery(List.copyOf(columns), limit, offset));
  }

  boolean selectsAll() {
    return columns.isEmpty();
  }

  private static String unquote(String name) {
    boolean quoted = name.length() > 1 && (name.startsWith("`") && name.endsWith("`")
        || name.startsWith("\"") && name.endsWith("\""));
    return quoted ? name.substring(1, name.length() - 1) : name;
  }
}
