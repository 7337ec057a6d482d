package io.domopreflight.http;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names this service answers to ({@code http.serverNames}). A page on another site whose name an attacker points
 * at this service's address (DNS rebinding) is same-origin for the browser, so neither CORS nor a loopback bind stops
 * it; the Host header it sends still names the attacker's site, and that is what is refused here. Empty accepts any.
 */
final class ServerNames {

  private final Set<String> names;

  ServerNames(List<String> names) {
    this.names = names.stream().map(ServerNames::normalise).collect(Collectors.toUnmodifiableSet());
  }

  void handle(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    // Probes address a node by whatever IP it has; health answers hold nothing a rebinding page could use.
    if (names.isEmpty() || ctx.normalizedPath().startsWith("/health/")
        || authority != null && names.contains(normalise(authority.host()))) {
      ctx.next();
      return;
    }
    Problem.of(421, "misdirected-request", "Misdirected request", "This service does not answer to that host name; "
        + "use one of the names the operator lists in http.serverNames.").send(ctx);
  }

  /** Case and IPv6 brackets aside, so that {@code [::1]}, {@code ::1} and {@code LOCALHOST} match their entries. */
  private static String normalise(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
  }
}
