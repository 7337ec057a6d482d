package io.domopreflight.sim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The client id and secret of an HTTP Basic header, the only place Domo's token endpoint reads them from. */
record BasicCredentials(String clientId, String clientSecret) {

  static Optional<BasicCredentials> parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty()
          : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "BasicCredentials[clientId=" + clientId + "]";
  }
}
