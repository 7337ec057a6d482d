package io.domopreflight.domo;

/** A Domo OAuth client. {@link #toString()} shows the secret's fingerprint only. */
public record Credentials(ApiHost apiHost, String clientId, String clientSecret) {

  /** Identifies the credentials in the token cache without keeping the secret as a key. */
  public String cacheKey() {
    return apiHost.baseUrl() + "|" + clientId + "|" + Fingerprint.of(clientSecret);
  }

  @Override
  public String toString() {
    return "Credentials[" + apiHost + ", clientId=" + clientId + ", secret=" + Fingerprint.of(clientSecret) + "]";
  }
}
