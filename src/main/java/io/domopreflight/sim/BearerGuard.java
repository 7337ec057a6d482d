package io.domopreflight.sim;

import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the bearer token of a {@code /v1} call the way Domo's gateway does, answering each kind of bad token with
 * the shape Domo uses for it: the bedrock envelope for a missing header, an OAuth error for an unreadable token, an
 * empty 401 with {@code WWW-Authenticate} for an expired one, and 403 {@code insufficient_scope} for a missing scope.
 */
final class BearerGuard {

  private static final Pattern BEARER = Pattern.compile("^bearer\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

  private final Simulation sim;

  BearerGuard(Simulation sim) {
    this.sim = sim;
  }

  /** The authorised caller, or empty after the refusal has been sent. */
  Optional<Authorized> authorize(RoutingContext ctx, String scope) {
    String header = ctx.request().getHeader("Authorization");
    Matcher matcher = header == null ? null : BEARER.matcher(header);
    if (matcher == null || !matcher.matches()) {
      return refuse(ctx, Reply.json(401, DomoBodies.unauthorized(ctx.request().path())));
    }

    Optional<TokenClaims> claims = sim.tokens.decode(matcher.group(1));
    Optional<SimClient> client = claims.flatMap(c -> sim.client(c.clientId()));
    if (claims.isEmpty() || client.isEmpty()) {
      return refuse(ctx, Reply.json(401, DomoBodies.oauthError("invalid_token",
          "Cannot convert access token to JSON")));
    }

    TokenClaims token = claims.get();
    if (token.expired(System.currentTimeMillis()) || sim.memory.isExpired(token.jti())) {
      return refuse(ctx, expired(token));
    }
    if (!token.scopes().contains(scope)) {
      return refuse(ctx, Reply.json(403, DomoBodies.insufficientScope(scope)));
    }
    return Optional.of(new Authorized(client.get(), token));
  }

  static Reply expired(TokenClaims token) {
    return Reply.empty(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"An"
        + " error occurred while attempting to decode the Jwt: Jwt expired at " + token.expiresAt() + "\", "
        + "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"");
  }

  private Optional<Authorized> refuse(RoutingContext ctx, Reply reply) {
    sim.writer.send(ctx, reply);
    return Optional.empty();
  }
}
