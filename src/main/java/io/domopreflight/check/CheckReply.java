package io.domopreflight.check;

import io.domopreflight.domo.TokenGrant;
import io.vertx.core.json.JsonObject;

/**
 * A check's answer to the coordinator: {@code {result, grant?}}. Only authentication hands over a grant, so that the
 * other checks of the run reuse its token instead of asking Domo again.
 */
public record CheckReply(CheckResult result, TokenGrant grant) {

  public static CheckReply of(CheckResult result) {
    return new CheckReply(result, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("result", result.toJson()).put("grant", grant == null ? null : grant.toTransfer());
  }

  public static CheckReply fromJson(JsonObject json) {
    return new CheckReply(CheckResult.fromJson(json.getJsonObject("result")),
        TokenGrant.fromTransfer(json.getJsonObject("grant")));
  }
}
