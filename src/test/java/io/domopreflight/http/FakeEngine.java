package io.domopreflight.http;

import io.domopreflight.Addresses;
import io.domopreflight.check.CheckResult;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Outcome;
import io.domopreflight.run.InvalidRequestException;
import io.domopreflight.run.PreflightRequest;
import io.domopreflight.run.RunCoordinator;
import io.domopreflight.run.RunRecord;
import io.domopreflight.run.RunStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the engine on the event bus, keeping its contract: validate, store the run, reply with the snapshot;
 * each result is stored before it is published. Tests decide when each check lands.
 */
final class FakeEngine {

  private final Vertx vertx;
  private final RunStore store;
  private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private volatile Integer refusalCode;
  private volatile String refusalMessage;

  private FakeEngine(Vertx vertx, RunStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  static FakeEngine deploy(Vertx vertx) {
    FakeEngine engine = new FakeEngine(vertx, await(RunStore.create(vertx, 60_000)));
    engine.consumers.add(vertx.eventBus().consumer(Addresses.START, engine::start));
    engine.consumers.add(vertx.eventBus().consumer(Addresses.RUN, engine::runToEnd));
    engine.consumers.forEach(consumer -> await(consumer.completion()));
    return engine;
  }

  /** How many runs were started. */
  int runCount() {
    return runs.size();
  }

  /** Takes the engine off the bus, as when it is not deployed. */
  void stop() {
    consumers.forEach(consumer -> await(consumer.unregister()));
  }

  /** Makes the engine fail every request from now on with this code and message. */
  void refuseWith(int code, String message) {
    refusalCode = code;
    refusalMessage = message;
  }

  /** Creates a stored run directly, as if a request had started it. */
  RunRecord createRun(JsonObject request) {
    RunRecord run = RunRecord.start(UUID.randomUUID().toString(), PreflightRequest.parse(request, "api.domo.com"),
        null, "test-node", System.currentTimeMillis() + 30_000);
    runs.put(run.id(), run);
    await(store.save(new RunRecord(run.json().copy())));
    return run;
  }

  /** Stores one check's verdict, then publishes its event. */
  JsonObject land(String runId, String checkId, Outcome outcome) {
    return await(landing(runId, checkId, outcome));
  }

  /** Stores one check's verdict but never publishes it, as when the event bus loses a message. */
  void landUnannounced(String runId, String checkId, Outcome outcome) {
    RunRecord run = runs.get(runId);
    run.recordResult(result(checkId, outcome));
    await(store.save(new RunRecord(run.json().copy())));
  }

  /** Stores the run as done, then publishes the {@code done} event. */
  JsonObject finish(String runId) {
    return await(finishing(runId));
  }

  /** Lands every pending check as passed and finishes the run. */
  void passAll(String runId) {
    await(passingAll(runId));
  }

  private synchronized Future<JsonObject> landing(String runId, String checkId, Outcome outcome) {
    RunRecord run = runs.get(runId);
    return storeThenPublish(run, run.recordResult(result(checkId, outcome)));
  }

  private static CheckResult result(String checkId, Outcome outcome) {
    CheckSpec spec = CheckSpec.byId(checkId).orElseThrow();
    return new CheckResult(spec.id(), spec.title(), outcome, outcome.wire() + " in the fake engine", null, null,
        null, null, 12, new JsonObject());
  }

  private synchronized Future<JsonObject> finishing(String runId) {
    RunRecord run = runs.get(runId);
    return storeThenPublish(run, run.finish());
  }

  private Future<JsonObject> storeThenPublish(RunRecord run, JsonObject event) {
    // A copy, so that the stored run never changes under a reader on another thread.
    return store.save(new RunRecord(run.json().copy())).map(v -> {
      vertx.eventBus().publish(Addresses.events(run.id()), event);
      return event;
    });
  }

  private Future<JsonObject> passingAll(String runId) {
    Future<JsonObject> chain = Future.succeededFuture();
    for (String check : runs.get(runId).pendingChecks()) {
      chain = chain.compose(v -> landing(runId, check, Outcome.PASSED));
    }
    return chain.compose(v -> finishing(runId));
  }

  private void start(Message<JsonObject> message) {
    started(message).onSuccess(run ->
        message.reply(new JsonObject().put("id", run.id()).put("snapshot", run.report())));
  }

  private void runToEnd(Message<JsonObject> message) {
    started(message)
        .compose(run -> passingAll(run.id()).map(done -> runs.get(run.id()).report()))
        .onSuccess(message::reply);
  }

  /** The run, stored; or a failed future once the message has been refused. */
  private Future<RunRecord> started(Message<JsonObject> message) {
    if (refusalCode != null) {
      message.fail(refusalCode, refusalMessage);
      return Future.failedFuture("refused");
    }
    PreflightRequest request;
    try {
      request = PreflightRequest.parse(message.body(), "api.domo.com");
    } catch (InvalidRequestException invalid) {
      message.fail(InvalidRequestException.FAILURE_CODE, invalid.toWire());
      return Future.failedFuture(invalid);
    }
    RunRecord run = RunRecord.start(UUID.randomUUID().toString(), request,
        message.headers().get(RunCoordinator.CALLER_HEADER), "test-node",
        System.currentTimeMillis() + 30_000);
    runs.put(run.id(), run);
    return store.save(new RunRecord(run.json().copy())).map(run);
  }

  private static <T> T await(Future<T> future) {
    return Await.result(future);
  }
}
