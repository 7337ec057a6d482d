package io.domopreflight.sim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /oauth/token}: the client-credentials grant by GET with query parameters or POST with a form body, the
 * credentials only ever read from HTTP Basic. The granted scope is the requested one intersected with the client's
 * scopes, or all of them when none is requested.
 */
final class TokenEndpoint {

  private final Simulation sim;

  TokenEndpoint(Simulation sim) {
    this.sim = sim;
  }

  void handle(RoutingContext ctx) {
    Optional<BasicCredentials> credentials = BasicCredentials.parse(ctx.request().getHeader("Authorization"));
    Optional<SimClient> client = credentials.flatMap(c -> sim.client(c.clientId()));
    TokenBehaviour behaviour = client.map(SimClient::token).orElse(TokenBehaviour.OK);

    switch (behaviour.kind()) {
      case HANG -> { } // never answer: the caller's deadline is under test
      case HTML_502 -> sim.writer.send(ctx, Reply.html(502, DomoBodies.nginxPage(502)));
      case NON_JSON_200 -> sim.writer.send(ctx, Reply.html(200, DomoBodies.instancePage(sim.config.customer())));
      case MALFORMED_REQUEST -> sim.writer.send(ctx, Reply.json(400, DomoBodies.oauthError("invalid_request",
          "Missing grant type")));
      case BAD_CREDENTIALS -> sim.writer.send(ctx, badCredentials());
      case SLOW -> sim.vertx.setTimer(Math.max(1, behaviour.argument()), id -> grant(ctx, credentials, client));
      default -> grant(ctx, credentials, client);
    }
  }

  private void grant(RoutingContext ctx, Optional<BasicCredentials> credentials, Optional<SimClient> client) {
    if (credentials.isEmpty()) {
      sim.writer.send(ctx, Reply.json(401, DomoBodies.unauthorized(ctx.request().path())));
      return;
    }
    if (client.isEmpty() || !client.get().clientSecret().equals(credentials.get().clientSecret())) {
      sim.writer.send(ctx, badCredentials());
      return;
    }

    String grantType = param(ctx, "grant_type");
    if (grantType == null || grantType.isBlank()) {
      sim.writer.send(ctx, Reply.json(400, DomoBodies.oauthError("invalid_request", "Missing grant type")));
      return;
    }
    if (!grantType.equals("client_credentials")) {
      sim.writer.send(ctx, Reply.json(400, DomoBodies.oauthError("unsupported_grant_type",
          "Unsupported grant type: " + grantType)));
      return;
    }

    sim.writer.send(ctx, issue(client.get(), param(ctx, "scope")));
  }

  private Reply issue(SimClient client, String requestedScope) {
    List<String> scopes = client.scopes();
    if (requestedScope != null && !requestedScope.isBlank()) {
      List<String> requested = Arrays.asList(requestedScope.trim().split("[\\s+]+"));
      scopes = client.scopes().stream().filter(requested::contains).toList();
    }

    TokenBehaviour behaviour = client.token();
    long ttl = behaviour.kind() == TokenBehaviour.Kind.SHORT_TTL ? behaviour.argument() : sim.config.tokenTtlSeconds();
    TokenClaims claims = new TokenClaims(client.clientId(), scopes, System.currentTimeMillis() / 1000 + ttl,
        UUID.randomUUID().toString());
    String token = sim.tokens.issue(claims, behaviour.kind() == TokenBehaviour.Kind.OPAQUE_TOKEN);

    return Reply.json(200, sim.tokens.response(token, claims, ttl))
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache");
  }

  /** ASSUMED shape: no public sample of Domo's answer to a wrong client id or secret exists. */
  private static Reply badCredentials() {
    return Reply.json(401, new JsonObject().put("error", "unauthorized").put("error_description", "Bad credentials"));
  }

  private static String param(RoutingContext ctx, String name) {
    String fromForm = ctx.request().formAttributes().get(name);
    return fromForm != null ? fromForm : ctx.queryParams().get(name);
  }
}
