package io.domopreflight.domo;

/** The outbound guard will not let a call reach this host or address; the message names the setting to change. */
public final class HostRefusedException extends RuntimeException {

  public HostRefusedException(String message) {
    super(message, null, false, false);
  }
}
