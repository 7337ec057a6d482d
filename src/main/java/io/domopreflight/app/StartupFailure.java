package io.domopreflight.app;

import java.net.BindException;

/** Turns what stops a command at start-up into one line a user can act on, instead of a stack trace. */
final class StartupFailure {

  private StartupFailure() {
  }

  static String describe(Throwable failure, int port) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return "port " + port + " is already in use; pick another with --port N or PREFLIGHT_HTTP_PORT";
      }
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
