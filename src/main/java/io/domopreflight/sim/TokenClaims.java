package io.domopreflight.sim;

import java.time.Instant;
import java.util.List;

/** What an access token says about itself: whose it is, what it may do and until when. */
record TokenClaims(String clientId, List<String> scopes, long expiresAtSeconds, String jti) {

  boolean expired(long nowMillis) {
    return nowMillis >= expiresAtSeconds * 1000;
  }

  Instant expiresAt() {
    return Instant.ofEpochSecond(expiresAtSeconds);
  }

  String scope() {
    return String.join(" ", scopes);
  }
}
