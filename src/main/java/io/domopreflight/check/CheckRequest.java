package io.domopreflight.check;

import io.domopreflight.domo.ApiHost;
import io.domopreflight.domo.Credentials;
import io.domopreflight.domo.Deadline;
import io.domopreflight.domo.TokenGrant;
import io.vertx.core.json.JsonObject;

/**
 * What the coordinator sends to a check over the event bus:
 * {@code {runId, check, apiHost, clientId, clientSecret, grant?, dataset?, budgetMs}}. It holds the secret, so it is
 * never logged, stored or published; {@link #toString()} hides it.
 *
 * <p>TODO encrypt the clustered event bus with TLS (EventBusOptions.setSsl) (between nodes this request, with the
 * client secret and the access token, travels in clear; on one host or a private network only, for now)
 *
 * @param budgetMs how long the check may take, counted from when it receives the request; a relative time, so that
 *                 nodes with skewed clocks agree
 */
public record CheckRequest(String runId, String check, Credentials credentials, TokenGrant grant, String dataset,
                           long budgetMs) {

  public static CheckRequest fromJson(JsonObject json) {
    return new CheckRequest(json.getString("runId"), json.getString("check"),
        new Credentials(ApiHost.parse(json.getString("apiHost")), json.getString("clientId"),
            json.getString("clientSecret")),
        TokenGrant.fromTransfer(json.getJsonObject("grant")), json.getString("dataset"),
        json.getLong("budgetMs"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("runId", runId)
        .put("check", check)
        .put("apiHost", credentials.apiHost().baseUrl())
        .put("clientId", credentials.clientId())
        .put("clientSecret", credentials.clientSecret())
        .put("grant", grant == null ? null : grant.toTransfer())
        .put("dataset", dataset)
        .put("budgetMs", budgetMs);
  }

  /** The deadline the check works to, from the moment this is called. */
  public Deadline deadline() {
    return Deadline.in(budgetMs);
  }

  @Override
  public String toString() {
    return "CheckRequest[run=" + runId + ", check=" + check + ", " + credentials + ", budgetMs=" + budgetMs + "]";
  }
}
