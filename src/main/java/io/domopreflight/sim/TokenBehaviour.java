package io.domopreflight.sim;

import java.util.Arrays;
import java.util.Locale;

/** How {@code /oauth/token} treats one client, written as {@code kind} or {@code kind:argument}: {@code slow:800}. */
public record TokenBehaviour(Kind kind, long argument) {

  public static final TokenBehaviour OK = new TokenBehaviour(Kind.OK, 0);

  public enum Kind {
    OK, BAD_CREDENTIALS, MALFORMED_REQUEST, HTML_502, NON_JSON_200, HANG, SLOW, OPAQUE_TOKEN, SHORT_TTL;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static TokenBehaviour parse(String text) {
    if (text == null || text.isBlank()) {
      return OK;
    }
    String[] parts = text.trim().split(":", 2);
    Kind kind = Arrays.stream(Kind.values())
        .filter(k -> k.key().equals(parts[0].toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown token behaviour '" + text + "'. Known: "
            + Arrays.stream(Kind.values()).map(Kind::key).toList()));

    boolean needsNumber = kind == Kind.SLOW || kind == Kind.SHORT_TTL;
    if (needsNumber && parts.length < 2) {
      throw new IllegalArgumentException("Token behaviour '" + kind.key() + "' needs a number, e.g. " + kind.key()
          + ":2");
    }
    return new TokenBehaviour(kind, parts.length < 2 ? 0 : Long.parseLong(parts[1].trim()));
  }

  @Override
  public String toString() {
    return argument == 0 && kind != Kind.SHORT_TTL ? kind.key() : kind.key() + ":" + argument;
  }
}
