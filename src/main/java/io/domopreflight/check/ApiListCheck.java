package io.domopreflight.check;

import io.domopreflight.domo.DomoCall;
import io.domopreflight.domo.DomoClient;
import io.domopreflight.domo.JsonPrefix;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Passes when a Domo list endpoint answers with a JSON array. One item is asked for: the answer proves access
 * whatever the size of the instance, where paging through everything would cost minutes and rate limits.
 */
public final class ApiListCheck extends CheckVerticle {

  private final String path;
  private final String scope;

  private ApiListCheck(CheckSpec spec, DomoClient domo, String path, String scope) {
    super(spec, domo);
    this.path = path;
    this.scope = scope;
  }

  /** The DataSet API: {@code GET /v1/datasets?limit=1}, which needs the {@code data} scope. */
  public static ApiListCheck datasets(DomoClient domo) {
    return new ApiListCheck(CheckSpec.DATASETS, domo, "/v1/datasets", "data");
  }

  /** The Page API: {@code GET /v1/pages?limit=1}, which needs the {@code dashboard} scope. */
  public static ApiListCheck dashboards(DomoClient domo) {
    return new ApiListCheck(CheckSpec.DASHBOARDS, domo, "/v1/pages", "dashboard");
  }

  @Override
  protected Future<CheckReply> evaluate(CheckRequest request, Findings findings) {
    String endpoint = "GET " + path;
    findings.put("endpoint", endpoint);
    DomoCall call = DomoCall.get(path + "?limit=1", endpoint);

    return domo.call(request.credentials(), request.grant(), call, request.deadline()).map(answer -> {
      if (!answer.isSuccess()) {
        return CheckReply.of(findings.onErrorStatus(answer, scope));
      }
      if (answer.json() instanceof JsonArray items) {
        return CheckReply.of(CheckResult.passed(spec(), new JsonObject().put("endpoint", endpoint)
            .put("itemsReturned", items.size())));
      }
      if (answer.truncated() && JsonPrefix.startsArray(answer.body())) {
        // Domo ignored limit=1 and sent more than the cap; the list still proves access.
        return CheckReply.of(CheckResult.passed(spec(), new JsonObject().put("endpoint", endpoint)
            .put("answerCutAtBytes", answer.body().length())));
      }
      return CheckReply.of(findings.onUnexpectedBody(answer));
    });
  }
}
