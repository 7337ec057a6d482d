package io.domopreflight.check;

import java.util.Locale;

/** How a check ended. */
public enum Outcome {
  /** Domo answered as a working setup should. */
  PASSED,
  /** Domo answered, and the answer shows something the user must fix. */
  FAILED,
  /** The check could not be evaluated: timeout, network, Domo unavailable, rate limit, no handler. */
  ERROR,
  /** The check did not run because a check it depends on did not pass. */
  SKIPPED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Outcome fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
