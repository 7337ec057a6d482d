package io.domopreflight.check;

import io.domopreflight.domo.DomoClient;
import io.domopreflight.domo.DomoResponse;
import io.domopreflight.domo.TokenGrant;
import io.domopreflight.domo.TokenRefusedException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/** Passes when Domo grants a client-credentials token; the granted scopes go into the evidence. */
public final class AuthenticationCheck extends CheckVerticle {

  private static final List<String> NEEDED_SCOPES = List.of("data", "dashboard");

  public AuthenticationCheck(DomoClient domo) {
    super(CheckSpec.AUTHENTICATION, domo);
  }

  @Override
  protected Future<CheckReply> evaluate(CheckRequest request, Findings findings) {
    findings.put("endpoint", "POST /oauth/token");
    boolean cached = domo.hasCachedToken(request.credentials());

    return domo.token(request.credentials(), request.deadline())
        .map(grant -> new CheckReply(CheckResult.passed(spec(), evidence(grant, cached)), grant))
        .recover(failure -> failure instanceof TokenRefusedException refused
            ? Future.succeededFuture(CheckReply.of(refusal(refused.response(), findings)))
            : Future.failedFuture(failure));
  }

  private static JsonObject evidence(TokenGrant grant, boolean cached) {
    return new JsonObject()
        .put("scopes", new JsonArray(grant.scopes()))
        .put("missingScopes", new JsonArray(NEEDED_SCOPES.stream().filter(s -> !grant.scopes().contains(s)).toList()))
        .put("role", grant.role())
        .put("tokenFromCache", cached);
  }

  private static CheckResult refusal(DomoResponse answer, Findings findings) {
    String body = answer.bodyLowerCase();
    if (answer.isSuccess()) {
      // A web page with 200 is what an instance host (acme.domo.com) serves at /oauth/token.
      return findings.verdict(answer.looksLikeHtml() ? Verdict.INSTANCE_HOST : Verdict.NOT_A_DOMO_API, answer);
    }
    if (answer.status() == 401 || body.contains("bad credentials") || body.contains("invalid_client")
        || body.contains("unauthorized")) {
      return findings.verdict(Verdict.BAD_CREDENTIALS, answer);
    }
    if (answer.status() == 429 || answer.isServerError()) {
      return findings.onErrorStatus(answer, null);
    }
    if (answer.status() == 404 || answer.looksLikeHtml()) {
      return findings.verdict(answer.status() == 404 && !answer.looksLikeHtml() ? Verdict.NOT_A_DOMO_API
          : Verdict.INSTANCE_HOST, answer);
    }
    if (body.toLowerCase(Locale.ROOT).contains("invalid_scope")) {
      findings.put("scope", "data dashboard");
      return findings.verdict(Verdict.MISSING_SCOPE, answer);
    }
    return findings.verdict(Verdict.TOKEN_REQUEST_REFUSED, answer);
  }
}
