package io.domopreflight.cluster;

import io.domopreflight.Addresses;
import io.domopreflight.app.ClusteredVertx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;

/**
 * Another program on the cluster: it joins as a plain Vert.x node (no engine), and a verticle of its own asks
 * {@code preflight.run} and prints the report as one line, {@code REPORT <json>}. Arguments: the cluster name, the
 * Hazelcast base port, the request as JSON.
 */
public final class RemoteRunner {

  private RemoteRunner() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject config = new JsonObject()
        .put("cluster.name", args[0])
        .put("cluster.members", "127.0.0.1")
        .put("cluster.host", "127.0.0.1")
        .put("cluster.port", Integer.parseInt(args[1]))
        .put("cluster.failureDetectionSeconds", 5);
    Vertx vertx = ClusteredVertx.start(config).await(60, TimeUnit.SECONDS);
    int code = 1;
    try {
      Asker asker = new Asker(new JsonObject(args[2]));
      vertx.deployVerticle(asker).await(10, TimeUnit.SECONDS);
      System.out.println("REPORT " + asker.report.future().await(45, TimeUnit.SECONDS).encode());
      code = 0;
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
      System.exit(code);
    }
  }

  /** Asks for one preflight over the clustered event bus. */
  static final class Asker extends VerticleBase {
    final Promise<JsonObject> report = Promise.promise();
    private final JsonObject request;

    Asker(JsonObject request) {
      this.request = request;
    }

    @Override
    public Future<?> start() {
      DeliveryOptions options = new DeliveryOptions().setSendTimeout(40_000);
      vertx.eventBus().<JsonObject>request(Addresses.RUN, request, options)
          .map(reply -> reply.body())
          .onComplete(report);
      return Future.succeededFuture();
    }
  }
}
