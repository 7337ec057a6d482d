package io.domopreflight.domo;

/** Domo's token endpoint answered, but not with a token. Carries the answer so that a check can explain it. */
public final class TokenRefusedException extends RuntimeException {

  private final transient DomoResponse response;

  public TokenRefusedException(DomoResponse response) {
    super("The token endpoint answered with HTTP " + response.status() + " instead of a token", null, false, false);
    this.response = response;
  }

  public DomoResponse response() {
    return response;
  }
}
