package io.domopreflight.sim;

import java.util.Arrays;
import java.util.Locale;

/**
 * One way an API endpoint misbehaves for a client, written in configuration as {@code kind} or {@code kind:argument},
 * for example {@code rate_limited:120} or {@code trickle:20}.
 */
public record Fault(Kind kind, long argument) {

  /** The misbehaviours, each imitating something Domo or its nginx gateway has been seen (or may be expected) to do. */
  public enum Kind {
    FORBIDDEN, ACCESS_DENIED_400, ATLAN_403, INSUFFICIENT_SCOPE,
    RATE_LIMITED, RATE_LIMITED_DATE, RATE_LIMITED_ONCE, RATE_LIMITED_DATE_ONCE,
    ERROR_500, ERROR_502_HTML, ERROR_503, ERROR_504_HTML, UNAVAILABLE_ONCE, EXPIRED_TOKEN_ONCE,
    TRUNCATED_JSON, WRONG_SHAPE, HTML_200, RESET, HANG, TRICKLE, HUGE, DELAY, BOM, CONTENT_TYPE_LIE;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    boolean needsArgument() {
      return switch (this) {
        case RATE_LIMITED, RATE_LIMITED_DATE, RATE_LIMITED_ONCE, RATE_LIMITED_DATE_ONCE, TRICKLE, HUGE, DELAY -> true;
        default -> false;
      };
    }
  }

  public static Fault parse(String text) {
    String[] parts = text.trim().split(":", 2);
    Kind kind = Arrays.stream(Kind.values())
        .filter(k -> k.key().equals(parts[0].toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown fault '" + text + "'. Known faults: "
            + Arrays.stream(Kind.values()).map(Kind::key).toList()));

    if (kind.needsArgument() && parts.length < 2) {
      throw new IllegalArgumentException("Fault '" + kind.key() + "' needs a number, for example " + kind.key() + ":5");
    }
    return new Fault(kind, parts.length < 2 ? 0 : Long.parseLong(parts[1].trim()));
  }

  @Override
  public String toString() {
    return kind.needsArgument() ? kind.key() + ":" + argument : kind.key();
  }
}
