package io.domopreflight.check;

import java.util.Locale;

/** What kind of problem a failed or errored check ran into; {@code null} on a result that passed. */
public enum Category {
  CREDENTIALS,
  PERMISSION,
  CONFIGURATION,
  DATA,
  RATE_LIMIT,
  UNAVAILABLE,
  TIMEOUT,
  NETWORK,
  INTERNAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Category fromWire(String value) {
    return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
  }
}
