package io.domopreflight.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Turns what stops a command at start-up into one line a user can act on, instead of a stack trace. */
final class StartupFailure {

  private StartupFailure() {
  }

  /**
   * Tries the HTTP port before anything starts, so that a node that could not serve never joins a cluster.
   *
   * @return why the port cannot be listened on, or null when it can (or is 0, any free port)
   */
  static String unusablePort(String host, int port) {
    if (port == 0) {
      return null;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
      return null;
    } catch (IOException e) {
      return describe(e, host, port);
    }
  }

  static String describe(Throwable failure, String host, int port) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      // The JDK and Netty's native transport say the same two things with different exception types.
      if (message.contains("Cannot assign requested address")) {
        return host + " is not an address of this machine, so nothing can listen on it; pick one it has with --host "
            + "or PREFLIGHT_HTTP_HOST (0.0.0.0 for all of them)";
      }
      if (t instanceof BindException || message.contains("Address already in use")) {
        return "port " + port + " is already in use; pick another with --port N or PREFLIGHT_HTTP_PORT";
      }
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
