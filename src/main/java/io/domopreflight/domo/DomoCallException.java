package io.domopreflight.domo;

/**
 * A call to Domo that got no complete HTTP answer. The message says what happened in words fit for a user and never
 * carries a URL query, a header or a body.
 */
public final class DomoCallException extends RuntimeException {

  /** Why no answer came. */
  public enum Kind { TIMEOUT, UNKNOWN_HOST, REFUSED, TLS, RESET, NOT_ALLOWED, OTHER }

  private final Kind kind;

  public DomoCallException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
