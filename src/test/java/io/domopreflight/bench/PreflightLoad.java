package io.domopreflight.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Drives preflights over the HTTP API the way a caller does ({@code POST /api/v1/preflights?wait=true}), and the
 * lower bound beside them: the same client making the two calls a preflight cannot avoid, a token and then one API
 * call, straight to the simulator.
 */
final class PreflightLoad {

  /** A closed loop's result: completed preflights, their latencies, and the ones that did not pass. */
  record Throughput(long completed, long failed, double seconds, Timings latencies) {
    double perSecond() {
      return completed / seconds;
    }
  }

  private final HttpClientAgent client;
  private final int servicePort;
  private final String simulatorUrl;
  private final int simulatorPort;

  PreflightLoad(Vertx vertx, int servicePort, String simulatorUrl, int simulatorPort, int connections) {
    // Idle connections are dropped well before the service's idle timeout: a request sent on a connection the server
    // is closing at that moment can wait forever in Vert.x's client.
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    this.servicePort = servicePort;
    this.simulatorUrl = simulatorUrl;
    this.simulatorPort = simulatorPort;
  }

  /** One preflight to its verdict; fails unless every check passed. */
  Future<JsonObject> preflight(String clientId) {
    RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(servicePort)
        .setURI("/api/v1/preflights?wait=true").putHeader("Content-Type", "application/json").setIdleTimeout(90_000);
    Buffer body = ScenarioFile.preflight(simulatorUrl, clientId).toBuffer();
    return client.request(post)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> {
          JsonObject report = b.toJsonObject();
          if (response.statusCode() != 200 || !"passed".equals(report.getString("outcome"))) {
            throw new IllegalStateException("preflight of " + clientId + ": " + response.statusCode() + " " + b);
          }
          return report;
        }));
  }

  /** Starts a preflight without waiting for it; answers the run's id. */
  Future<String> start(String clientId) {
    RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(servicePort)
        .setURI("/api/v1/preflights").putHeader("Content-Type", "application/json");
    return client.request(post)
        .compose(request -> request.send(ScenarioFile.preflight(simulatorUrl, clientId).toBuffer()))
        .compose(response -> response.body().map(b -> {
          if (response.statusCode() != 202) {
            throw new IllegalStateException("start of " + clientId + ": " + response.statusCode() + " " + b);
          }
          return b.toJsonObject().getString("id");
        }));
  }

  /** The floor under a preflight's latency: a token, then one API call with it, sequentially, nothing else. */
  Future<Void> tokenThenCall(String clientId) {
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + ScenarioFile.SECRET).getBytes());
    RequestOptions token = simulator(HttpMethod.POST, "/oauth/token")
        .putHeader("Authorization", "Basic " + basic)
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
    return client.request(token)
        .compose(request -> request.send("grant_type=client_credentials&scope=data%20dashboard"))
        .compose(response -> response.body())
        .compose(grant -> client.request(simulator(HttpMethod.GET, "/v1/datasets?limit=1")
            .putHeader("Authorization", "bearer " + grant.toJsonObject().getString("access_token"))))
        .compose(request -> request.send())
        .compose(response -> response.body())
        .mapEmpty();
  }

  /**
   * Runs {@code count} calls one after the other, from this (non event-loop) thread, timing each. A call that fails
   * or takes over 20 s is counted in {@link Timings#failures()} and left out of the percentiles.
   */
  Timings sequential(int count, LongFunction<Future<?>> call) {
    Timings timings = new Timings();
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      try {
        call.apply(i).await(20, TimeUnit.SECONDS);
        timings.add(System.nanoTime() - started);
      } catch (Exception failed) {
        timings.fail();
      }
    }
    return timings;
  }

  /** Keeps {@code concurrency} preflights outstanding for the duration; client ids rotate through the pool. */
  Throughput closedLoop(int concurrency, double seconds, LongFunction<String> clientOf) throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Timings latencies = new Timings();
    long started = System.nanoTime();
    long end = started + (long) (seconds * 1e9);
    Promise<Void> allStopped = Promise.promise();
    AtomicLong running = new AtomicLong(concurrency);

    for (int i = 0; i < concurrency; i++) {
      loop(end, next, completed, failed, latencies, running, allStopped, clientOf);
    }
    allStopped.future().await((long) seconds + 120, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new Throughput(completed.get(), failed.get(), elapsed, latencies);
  }

  private void loop(long end, AtomicLong next, AtomicLong completed, AtomicLong failed, Timings latencies,
                    AtomicLong running, Promise<Void> allStopped, LongFunction<String> clientOf) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        allStopped.complete();
      }
      return;
    }
    long started = System.nanoTime();
    preflight(clientOf.apply(next.getAndIncrement())).onComplete(done -> {
      if (done.succeeded()) {
        completed.incrementAndGet();
        latencies.add(System.nanoTime() - started);
      } else {
        failed.incrementAndGet();
      }
      loop(end, next, completed, failed, latencies, running, allStopped, clientOf);
    });
  }

  Future<Void> close() {
    return client.close();
  }

  private RequestOptions simulator(HttpMethod method, String uri) {
    return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(simulatorPort).setURI(uri)
        .setIdleTimeout(30_000);
  }
}
