package io.domopreflight.domo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The Domo Platform API host a run talks to, such as {@code https://api.domo.com}. A bare host name means https.
 *
 * @param port the explicit port, or -1 for the scheme's default
 */
public record ApiHost(String scheme, String host, int port) {

  /** @throws IllegalArgumentException with a message fit for the user when the text is not a host or base URL */
  public static ApiHost parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a host name or https URL such as api.domo.com");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("must use https, such as https://api.domo.com");
    }
    if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("is not a host name or https URL such as api.domo.com");
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      throw new IllegalArgumentException("must be the API host alone, without a path, such as api.domo.com");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535 || uri.getPort() < -1) {
      throw new IllegalArgumentException("has no valid port: use 1 to 65535, or none for the scheme's default");
    }
    return new ApiHost(scheme, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
  }

  public boolean isHttps() {
    return scheme.equals("https");
  }

  public int effectivePort() {
    return port > 0 ? port : isHttps() ? 443 : 80;
  }

  /** The base URL without a trailing slash, for example {@code http://127.0.0.1:8123}. */
  public String baseUrl() {
    return scheme + "://" + host + (port > 0 ? ":" + port : "");
  }

  @Override
  public String toString() {
    return baseUrl();
  }
}
