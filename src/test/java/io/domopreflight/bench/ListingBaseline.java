package io.domopreflight.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listing approach to a connection test, as some catalogs do it: page through every DataSet (50 a page) and every
 * page (500 a page), then export each DomoStats report whole as CSV. Sequential, like a crawler's first pass.
 */
final class ListingBaseline {

  static final int DATASET_PAGE = 50;
  static final int PAGE_PAGE = 500;

  private final HttpClientAgent client;
  private final int port;

  ListingBaseline(Vertx vertx, int simulatorPort) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    this.port = simulatorPort;
  }

  /** Runs the whole listing for one client; answers the body bytes read. */
  Future<Long> run(String clientId) {
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + ScenarioFile.SECRET).getBytes());
    AtomicLong bytes = new AtomicLong();
    return call(HttpMethod.POST, "/oauth/token", "Basic " + basic, "grant_type=client_credentials", bytes)
        .map(body -> "bearer " + new io.vertx.core.json.JsonObject(body).getString("access_token"))
        .compose(bearer -> page("/v1/datasets", DATASET_PAGE, 0, bearer, bytes)
            .compose(v -> page("/v1/pages", PAGE_PAGE, 0, bearer, bytes))
            .compose(v -> exportAll(List.of(ScenarioFile.CARDS, ScenarioFile.CARD_PAGES,
                ScenarioFile.CARD_DATASOURCE), bearer, bytes)))
        .map(v -> bytes.get());
  }

  Future<Void> close() {
    return client.close();
  }

  private Future<Void> page(String path, int limit, int offset, String bearer, AtomicLong bytes) {
    return call(HttpMethod.GET, path + "?limit=" + limit + "&offset=" + offset, bearer, null, bytes)
        .compose(body -> new JsonArray(body).size() < limit ? Future.succeededFuture()
            : page(path, limit, offset + limit, bearer, bytes));
  }

  private Future<Void> exportAll(List<String> ids, String bearer, AtomicLong bytes) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    RequestOptions export = options(HttpMethod.GET, "/v1/datasets/" + ids.get(0) + "/data?includeHeader=true",
        bearer);
    // Counted as it streams in, never kept: a million-row export is a few hundred MB.
    return client.request(export)
        .compose(request -> request.send())
        .compose(response -> {
          response.handler(chunk -> bytes.addAndGet(chunk.length()));
          return response.end();
        })
        .compose(v -> exportAll(ids.subList(1, ids.size()), bearer, bytes));
  }

  private Future<String> call(HttpMethod method, String uri, String authorization, String form, AtomicLong bytes) {
    RequestOptions options = options(method, uri, authorization);
    if (form != null) {
      options.putHeader("Content-Type", "application/x-www-form-urlencoded");
    }
    return client.request(options)
        .compose(request -> form == null ? request.send() : request.send(form))
        .compose(response -> response.body())
        .map(body -> {
          bytes.addAndGet(body.length());
          return body.toString();
        });
  }

  private RequestOptions options(HttpMethod method, String uri, String authorization) {
    return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri)
        .putHeader("Authorization", authorization);
  }
}
