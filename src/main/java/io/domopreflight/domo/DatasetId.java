package io.domopreflight.domo;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a DataSet ID as users paste it: the bare UUID, or the DataSet's Domo URL. */
public final class DatasetId {

  private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern BARE = Pattern.compile(UUID);
  private static final Pattern IN_URL = Pattern.compile("/datasources?/(" + UUID + ")(?:[/?#]|$)");

  private DatasetId() {
  }

  /**
   * The normalised (lower-case) UUID, for example from
   * {@code https://acme.domo.com/datasource/<uuid>/details/overview}; empty when the text holds no DataSet ID.
   */
  public static Optional<String> normalise(String given) {
    String text = given == null ? "" : given.trim();
    if (BARE.matcher(text).matches()) {
      return Optional.of(text.toLowerCase(Locale.ROOT));
    }
    Matcher m = IN_URL.matcher(text);
    return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }
}
