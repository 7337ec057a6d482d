package io.domopreflight.sim;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues access tokens shaped like Domo's: signed JWTs whose payload carries {@code exp}, {@code scope},
 * {@code customer} and {@code clientId}, or opaque strings for clients that must not rely on decoding them. The token
 * alone identifies the client, which lets one simulator serve every scenario at once.
 */
final class TokenIssuer {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
  private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
      .getBytes(StandardCharsets.UTF_8));

  private final byte[] key = new byte[32];
  private final String customer;
  private final Map<String, TokenClaims> opaqueTokens = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();

  TokenIssuer(String customer) {
    this.customer = customer;
    new SecureRandom().nextBytes(key);
  }

  int issuedCount() {
    return issued.get();
  }

  String customer() {
    return customer;
  }

  /** A new token; {@code opaque} gives a random string instead of a JWT. */
  String issue(TokenClaims claims, boolean opaque) {
    issued.incrementAndGet();
    if (opaque) {
      String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
      opaqueTokens.put(token, claims);
      return token;
    }
    JsonObject payload = new JsonObject()
        .put("iss", "domo-simulator")
        .put("sub", claims.clientId())
        .put("clientId", claims.clientId())
        .put("customer", customer)
        .put("role", "Admin")
        .put("userId", 27)
        .put("scope", claims.scope())
        .put("jti", claims.jti())
        .put("iat", claims.expiresAtSeconds() - 1)
        .put("exp", claims.expiresAtSeconds());
    String unsigned = HEADER + "." + B64.encodeToString(payload.toBuffer().getBytes());
    return unsigned + "." + B64.encodeToString(sign(unsigned));
  }

  /** The claims of a token this simulator issued, or empty when it cannot be read or was not signed here. */
  Optional<TokenClaims> decode(String token) {
    TokenClaims opaque = opaqueTokens.get(token);
    if (opaque != null) {
      return Optional.of(opaque);
    }
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      byte[] signature = B64_DECODER.decode(parts[2]);
      if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
        return Optional.empty();
      }
      JsonObject payload = new JsonObject(new String(B64_DECODER.decode(parts[1]), StandardCharsets.UTF_8));
      String scope = payload.getString("scope", "");
      List<String> scopes = scope.isBlank() ? List.of() : Arrays.asList(scope.split(" "));
      return Optional.of(new TokenClaims(payload.getString("clientId"), scopes, payload.getLong("exp"),
          payload.getString("jti")));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** The JSON answer of {@code /oauth/token}, with exactly the fields Domo documents. */
  JsonObject response(String accessToken, TokenClaims claims, long expiresIn) {
    return new JsonObject()
        .put("access_token", accessToken)
        .put("customer", customer)
        .put("expires_in", expiresIn)
        .put("jti", claims.jti())
        .put("role", "Admin")
        .put("scope", claims.scope())
        .put("token_type", "bearer")
        .put("userId", 27);
  }

  private byte[] sign(String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
