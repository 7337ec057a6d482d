package io.domopreflight.check;

import io.domopreflight.domo.DomoCallException;
import io.domopreflight.domo.DomoResponse;
import io.domopreflight.domo.Redactor;
import io.domopreflight.domo.TokenGrant;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one check learned while it ran, and the verdicts that every Domo call shares: no answer, rate limits, Domo
 * errors, refused tokens and missing scopes. Checks add their own readings of an answer before falling back here.
 */
final class Findings {

  private static final Pattern SCOPE_PARAMETER = Pattern.compile("scope=\"([^\"]+)\"");

  private final CheckSpec check;
  private final CheckRequest request;
  private final Map<String, Object> facts = new HashMap<>();

  Findings(CheckSpec check, CheckRequest request) {
    this.check = check;
    this.request = request;
    facts.put("apiHost", request.credentials().apiHost().baseUrl());
    facts.put("timeoutMs", request.budgetMs());
  }

  Findings put(String name, Object value) {
    facts.put(name, value);
    return this;
  }

  CheckResult verdict(Verdict verdict) {
    return verdict.of(check, facts);
  }

  CheckResult verdict(Verdict verdict, JsonObject evidence) {
    return verdict.of(check, facts, null, null, evidence);
  }

  /** A verdict on an answer from Domo: its status and redacted body go into {@code response}. */
  CheckResult verdict(Verdict verdict, DomoResponse answer) {
    facts.put("status", answer.status());
    return verdict.of(check, facts, answer.status(), shown(answer), null);
  }

  /** The body as a user may see it: secrets and tokens removed, cut to a few KiB, then {@code #STATUS:<code>}. */
  String shown(DomoResponse answer) {
    List<String> secrets = request.grant() == null
        ? List.of(request.credentials().clientSecret())
        : List.of(request.credentials().clientSecret(), request.grant().accessToken());
    String body = answer.body() == null ? "" : Redactor.redact(answer.body(), secrets);
    return body + "#STATUS:" + answer.status();
  }

  /** The verdict on a call that got no complete answer, or on a check that broke. */
  CheckResult onFailure(Throwable failure) {
    if (failure instanceof DomoCallException noAnswer) {
      facts.put("detail", noAnswer.getMessage());
      return verdict(switch (noAnswer.kind()) {
        case TIMEOUT -> Verdict.TIMEOUT_REACHED;
        case NOT_ALLOWED -> Verdict.HOST_NOT_ALLOWED;
        default -> Verdict.NETWORK_FAILURE;
      });
    }
    return verdict(Verdict.INTERNAL_ERROR);
  }

  /**
   * The verdicts any Domo API call shares for an error status.
   *
   * @param neededScope the scope the endpoint needs, named when Domo says a scope is missing without naming it
   */
  CheckResult onErrorStatus(DomoResponse answer, String neededScope) {
    int status = answer.status();
    String missingScope = missingScope(answer, neededScope);
    if (missingScope != null) {
      put("scope", missingScope);
      return verdict(Verdict.MISSING_SCOPE, answer);
    }
    if (status == 401) {
      return verdict(Verdict.TOKEN_REJECTED, answer);
    }
    if (status == 403 || status == 400 && answer.bodyLowerCase().contains("access is denied")) {
      return verdict(Verdict.ACCESS_DENIED, answer);
    }
    if (status == 429) {
      return verdict(Verdict.RATE_LIMITED, answer);
    }
    if (status >= 500) {
      return verdict(Verdict.DOMO_UNAVAILABLE, answer);
    }
    return verdict(Verdict.NOT_A_DOMO_API, answer);
  }

  /**
   * The scope Domo says is missing (RFC 6750 {@code insufficient_scope}, in the body or {@code WWW-Authenticate}),
   * or the scope the endpoint needs when Domo refuses access and the granted token lacks it; else null.
   */
  private String missingScope(DomoResponse answer, String neededScope) {
    Object body = answer.json();
    String challenge = answer.wwwAuthenticate() == null ? "" : answer.wwwAuthenticate();
    if (body instanceof JsonObject json && "insufficient_scope".equals(json.getValue("error"))) {
      return json.getValue("scope") instanceof String s && !s.isBlank() ? s : neededScope;
    }
    if (challenge.contains("insufficient_scope")) {
      Matcher named = SCOPE_PARAMETER.matcher(challenge);
      return named.find() ? named.group(1) : neededScope;
    }
    boolean refused = answer.status() == 401 || answer.status() == 403;
    TokenGrant grant = request.grant();
    if (refused && neededScope != null && grant != null && !grant.scopes().isEmpty()
        && !grant.scopes().contains(neededScope)) {
      return neededScope;
    }
    return null;
  }

  /** The verdict on a 2xx answer that is not what the endpoint returns: a web page, cut-off JSON or another shape. */
  CheckResult onUnexpectedBody(DomoResponse answer) {
    if (answer.looksLikeHtml()) {
      return verdict(Verdict.NOT_A_DOMO_API, answer);
    }
    return answer.json() == null ? verdict(Verdict.INCOMPLETE_ANSWER, answer) : verdict(Verdict.NOT_A_DOMO_API, answer);
  }
}
