package io.domopreflight.domo;

import java.util.List;
import java.util.Locale;

/**
 * The outbound allowlist ({@code domo.allowedHosts}). An entry is a host name, meaning https only, or a URL with
 * {@code http://} (such as {@code http://127.0.0.1}) that also allows plain http to that host. Ports are not
 * restricted, so a simulator on a free port is reachable.
 */
public final class AllowedHosts {

  public static final String SETTING = "domo.allowedHosts";

  private final List<ApiHost> entries;

  private AllowedHosts(List<ApiHost> entries) {
    this.entries = entries;
  }

  public static AllowedHosts of(List<String> entries) {
    return new AllowedHosts(entries.stream()
        .map(String::trim)
        .filter(e -> !e.isEmpty())
        .map(e -> ApiHost.parse(e.toLowerCase(Locale.ROOT)))
        .toList());
  }

  public boolean allows(ApiHost host) {
    return entries.stream().anyMatch(e -> e.host().equals(host.host()) && (host.isHttps() || !e.isHttps()));
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
