package io.domopreflight.app;

import io.domopreflight.Addresses;
import io.domopreflight.run.InvalidRequestException;
import io.domopreflight.run.RunFollower;
import io.domopreflight.run.RunStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The engine in this JVM, for commands that run a preflight from a terminal and then exit. */
final class LocalPreflight implements AutoCloseable {

  private final Vertx vertx;
  private final JsonObject config;

  /** Wraps an engine already deployed on {@code vertx}. */
  LocalPreflight(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
  }

  static LocalPreflight start(String configFile) {
    Vertx vertx = VertxFactory.plain();
    try {
      JsonObject config = ServiceConfig.load(vertx, configFile, System.getenv()).await(30, TimeUnit.SECONDS);
      return start(vertx, config);
    } catch (Exception e) {
      vertx.close();
      throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static LocalPreflight start(Vertx vertx, JsonObject config) throws Exception {
    Service.deployEngine(vertx, config).await(30, TimeUnit.SECONDS);
    return new LocalPreflight(vertx, config);
  }

  /**
   * Runs a preflight and blocks until its report, handing each check result to {@code onResult} as it lands.
   *
   * @throws InvalidRequestException when the engine refuses the request
   */
  JsonObject run(JsonObject request, Consumer<JsonObject> onResult) {
    Promise<JsonObject> report = Promise.promise();
    // Follow on one event loop so that the replay and the live events are handled in order.
    vertx.getOrCreateContext().runOnContext(v -> start(request, onResult).onComplete(report));
    long wait = config.getLong("run.deadlineMs") + 10_000;
    try {
      return report.future().await(wait, TimeUnit.MILLISECONDS);
    } catch (InvalidRequestException invalid) {
      throw invalid;
    } catch (Exception e) {
      throw new IllegalStateException("The preflight did not finish: " + e.getMessage(), e);
    }
  }

  private Future<JsonObject> start(JsonObject request, Consumer<JsonObject> onResult) {
    Promise<JsonObject> report = Promise.promise();
    vertx.eventBus().<JsonObject>request(Addresses.START, request)
        .recover(LocalPreflight::refusal)
        .compose(started -> RunStore.create(vertx, 60_000).compose(store ->
            RunFollower.follow(vertx, store, started.body().getString("id"), 0, event -> {
              if ("check".equals(event.getString("type"))) {
                onResult.accept(event.getJsonObject("data"));
              } else {
                report.tryComplete(event.getJsonObject("data"));
              }
            })))
        .onFailure(report::tryFail);
    return report.future();
  }

  private static <T> Future<T> refusal(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureCode() == InvalidRequestException.FAILURE_CODE) {
      InvalidRequestException invalid = InvalidRequestException.fromWire(reply.getMessage());
      if (invalid != null) {
        return Future.failedFuture(invalid);
      }
    }
    return Future.failedFuture(failure);
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Closing on the way out: nothing useful to do with a failure here.
    }
  }
}
