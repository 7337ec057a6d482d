package io.domopreflight.http;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
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
    String host = addressedHost(ctx.request().uri(), ctx.request().authority());
    // Probes address a node by whatever IP it has; health answers hold nothing a rebinding page could use.
    if (names.isEmpty() || ctx.normalizedPath().startsWith("/health/")
        || host != null && names.contains(normalise(host))) {
      ctx.next();
      return;
    }
    Problem.of(421, "misdirected-request", "Misdirected request", "This service does not answer to that host name; "
        + "use one of the names the operator lists in http.serverNames.").send(ctx);
  }

  /**
   * The host a request addresses: that of an absolute-form target ({@code GET http://name/path}) when it has one,
   * as RFC 9112 says it wins over the Host header, else the Host header's. Null when neither names one.
   */
  private static String addressedHost(String target, HostAndPort authority) {
    if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
      try {
        return URI.create(target).getHost();
      } catch (IllegalArgumentException unreadable) {
        return null;
      }
    }
    return authority == null ? null : authority.host();
  }

  /** Case and IPv6 brackets aside, so that {@code [::1]}, {@code ::1} and {@code LOCALHOST} match their entries. */
  private static String normalise(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
  }
}
