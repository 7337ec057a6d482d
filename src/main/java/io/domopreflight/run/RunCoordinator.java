package io.domopreflight.run;

import io.domopreflight.Addresses;
import io.domopreflight.check.CheckReply;
import io.domopreflight.check.CheckRequest;
import io.domopreflight.check.CheckResult;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Outcome;
import io.domopreflight.check.Verdict;
import io.domopreflight.domo.ApiHost;
import io.domopreflight.domo.Credentials;
import io.domopreflight.domo.Deadline;
import io.domopreflight.domo.HostRefusedException;
import io.domopreflight.domo.OutboundGuard;
import io.domopreflight.domo.TokenGrant;
import io.domopreflight.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs preflights: answers {@code preflight.start} and {@code preflight.run}, asks authentication first and then
 * every other check at once over the event bus, and records and publishes each verdict the moment it lands.
 */
public final class RunCoordinator extends VerticleBase {

  /** Failure code on the bus when this node already coordinates as many runs as it may. */
  public static final int TOO_MANY_RUNS = 429;
  /** Failure code on the bus when this node is shutting down; another node or a retry takes the run. */
  public static final int SHUTTING_DOWN = 503;
  /** Time for a check's reply to travel back after its own deadline, so the check can say "timeout" itself. */
  static final long REPLY_GRACE_MS = 250;
  private static final Logger log = LoggerFactory.getLogger(RunCoordinator.class);

  /** How long validation waits for DNS; a slower answer is left to the checks, which have their own deadlines. */
  static final long RESOLVE_AT_START_MS = 2_000;
  /** Bus header with the fingerprint of the API key that asked, so runs stay visible only to their caller. */
  public static final String CALLER_HEADER = "caller";

  private final RunSettings settings;
  private final OutboundGuard guard;
  /** Asks still waiting for a check's reply, so that they can be sent again when a node leaves. */
  private final Set<CheckCall> openCalls = new HashSet<>();
  /** The report of each run this verticle coordinates, completed once its {@code done} event is stored. */
  private final Map<String, Future<JsonObject>> ownReports = new HashMap<>();
  private Membership membership;
  private Runnable stopListening = () -> { };
  private RunStore store;
  private int inFlight;
  private Meters meters;
  private final List<MessageConsumer<JsonObject>> intake = new ArrayList<>();
  private Message<Object> drained;
  private Message<Object> stopped;

  public RunCoordinator(RunSettings settings, OutboundGuard guard) {
    this.settings = settings;
    this.guard = guard;
  }

  @Override
  public Future<?> start() {
    membership = Membership.of(vertx);
    stopListening = membership.onNodeLeft(context, this::onNodeLeft);
    meters = Meters.of(vertx);
    return RunStore.create(vertx, settings.retentionMs(), settings.maxRetained())
        .compose(created -> {
          store = created;
          intake.add(vertx.eventBus().consumer(Addresses.START, this::onStart));
          intake.add(vertx.eventBus().consumer(Addresses.RUN, this::onRun));
          return Future.join(intake.get(0).completion(), intake.get(1).completion(),
              vertx.eventBus().localConsumer(Addresses.DRAIN, this::onDrain).completion(),
              vertx.eventBus().localConsumer(Addresses.STOP_RUNS, this::onStopRuns).completion());
        });
  }

  @Override
  public Future<?> stop() {
    stopListening.run();
    return Future.succeededFuture();
  }

  private void onNodeLeft(String nodeId) {
    if (!openCalls.isEmpty()) {
      log.warn("Node {} left with {} check(s) of this node's runs possibly on it; asking them again", nodeId,
          openCalls.size());
    }
    List.copyOf(openCalls).forEach(CheckCall::nodeLeft);
  }

  /**
   * Stops taking runs: in a cluster the other nodes' coordinators get the new ones. The reply waits for this node's
   * runs, each of which ends by its deadline at the latest.
   */
  private void onDrain(Message<Object> message) {
    if (drained == null) {
      log.info("Taking no new runs; {} still running here", inFlight);
      intake.forEach(MessageConsumer::unregister);
    }
    drained = message;
    replyWhenDrained();
  }

  /**
   * The grace of a shutdown is over: every check still waiting, and every check asked from now on, ends at once in
   * error/unavailable, so that each run still finishes here with its done event instead of being cut off.
   */
  private void onStopRuns(Message<Object> message) {
    if (stopped == null && inFlight > 0) {
      log.warn("Ending {} run(s) still going here: their unanswered checks end in error/unavailable", inFlight);
    }
    stopped = message;
    List.copyOf(openCalls).forEach(CheckCall::abandon);
    replyWhenDrained();
  }

  private void replyWhenDrained() {
    if (inFlight > 0) {
      return;
    }
    for (Message<Object> waiting : Arrays.asList(drained, stopped)) {
      if (waiting != null) {
        waiting.reply(new JsonObject().put("runsInFlight", 0));
      }
    }
  }

  private void onStart(Message<JsonObject> message) {
    begin(message).onSuccess(run -> message.reply(new JsonObject().put("id", run.id()).put("snapshot", run.report())));
  }

  // TODO answer preflight.run from the node that takes over a lost coordinator's run (today the caller's send timeout
  //  fires: the reply address lives in the lost node's request, and callers following the events are not affected)
  private void onRun(Message<JsonObject> message) {
    begin(message)
        .compose(run -> run.isDone() ? Future.succeededFuture(run.report()) : reportOf(run))
        .onSuccess(message::reply)
        .onFailure(err -> message.fail(500, "The run did not finish: " + err.getMessage()));
  }

  /** Validates the request and its host, then starts its run or joins an identical run of the same caller. */
  private Future<RunRecord> begin(Message<JsonObject> message) {
    PreflightRequest request;
    try {
      // The bus carries any type: a caller that sends a string or an array gets a refusal, not a silent timeout.
      Object body = ((Message<?>) message).body();
      request = validate(body instanceof JsonObject json ? json : null);
    } catch (InvalidRequestException invalid) {
      return refuse(message, invalid);
    }
    String caller = message.headers().get(CALLER_HEADER);
    return admitHost(request).transform(admitted -> {
      if (admitted.failed()) {
        return refuse(message, (InvalidRequestException) admitted.cause());
      }
      return startOrJoin(message, request, caller);
    });
  }

  private Future<RunRecord> startOrJoin(Message<JsonObject> message, PreflightRequest request, String caller) {
    if (drained != null) {
      message.fail(SHUTTING_DOWN, "This node is shutting down and takes no new runs; try again shortly.");
      return Future.failedFuture("shutting down");
    }
    if (inFlight >= settings.maxRunsInFlight()) {
      message.fail(TOO_MANY_RUNS, "This node is running " + inFlight + " preflights, its limit; try again shortly.");
      return Future.failedFuture("too many runs");
    }

    RunRecord run = RunRecord.start(UUID.randomUUID().toString(), request, caller, membership.nodeId(),
        System.currentTimeMillis() + settings.runDeadlineMs());
    return join(run).compose(joined -> joined != null ? Future.succeededFuture(joined) : startRun(run, request))
        .onFailure(err -> {
          log.error("Could not start a run", err);
          message.fail(500, "The run could not be started.");
        });
  }

  /**
   * Returns the identical run already under way on any node, or {@code null} when this run is to start. The run is
   * stored and listed as active before it claims its key, so whoever finds the key taken can read the run it names,
   * and another node finishes it should this one die.
   */
  private Future<RunRecord> join(RunRecord run) {
    long keyTtl = settings.runDeadlineMs() + REPLY_GRACE_MS;
    return store.save(run)
        .compose(saved -> store.markActive(run))
        .compose(marked -> store.claim(run, keyTtl))
        .compose(existing -> existing == null ? Future.succeededFuture(null) : store.find(existing))
        .compose(found -> found == null ? Future.succeededFuture(null)
            : Future.join(store.markFinished(run), store.discard(run.id())).map(found));
  }

  private static Future<RunRecord> refuse(Message<JsonObject> message, InvalidRequestException invalid) {
    message.fail(InvalidRequestException.FAILURE_CODE, invalid.toWire());
    return Future.failedFuture(invalid);
  }

  /**
   * Refuses a host the outbound guard refuses, so the caller gets a 400 naming the setting. A name that does not
   * resolve (yet) passes: DNS can be briefly wrong, and the checks report it as a network error. The guard looks again
   * at every connection, so an address that changes after this point is still caught.
   */
  private Future<Void> admitHost(PreflightRequest request) {
    ApiHost host = ApiHost.parse(request.apiHost());
    Promise<Void> verdict = Promise.promise();
    long timer = vertx.setTimer(RESOLVE_AT_START_MS, t -> verdict.tryComplete());
    guard.admit(host).onComplete(admitted -> {
      vertx.cancelTimer(timer);
      if (admitted.failed() && admitted.cause() instanceof HostRefusedException refused) {
        verdict.tryFail(new InvalidRequestException(List.of(new FieldError("apiHost", refused.getMessage()))));
      } else {
        verdict.tryComplete();
      }
    });
    return verdict.future();
  }

  private PreflightRequest validate(JsonObject body) {
    if (body == null) {
      throw new InvalidRequestException(List.of(new FieldError("", "the request must be a JSON object")));
    }
    PreflightRequest request = PreflightRequest.parse(body, settings.defaultApiHost());
    try {
      ApiHost.parse(request.apiHost());
    } catch (IllegalArgumentException bad) {
      throw new InvalidRequestException(List.of(new FieldError("apiHost", bad.getMessage())));
    }
    return request;
  }

  private Future<RunRecord> startRun(RunRecord run, PreflightRequest request) {
    inFlight++;
    meters.runsInFlight().incrementAndGet();
    Promise<JsonObject> report = Promise.promise();
    ownReports.put(run.id(), report.future());
    execute(run, request, report);
    return Future.succeededFuture(run);
  }

  private void execute(RunRecord run, PreflightRequest request, Promise<JsonObject> report) {
    Progress progress = new Progress(run);
    Deadline deadline = Deadline.in(settings.runDeadlineMs());
    Credentials credentials = new Credentials(ApiHost.parse(request.apiHost()), request.clientId(),
        request.clientSecret());

    ask(run.id(), CheckSpec.AUTHENTICATION, credentials, null, null, deadline)
        .compose(auth -> {
          progress.record(auth.result());
          List<Future<Void>> others = request.checks().stream()
              .filter(CheckSpec::needsToken)
              .map(check -> auth.result().hasPassed()
                  ? ask(run.id(), check, credentials, auth.grant(), request.datasetFor(check), deadline)
                      .map(reply -> progress.record(reply.result()))
                  : Future.succeededFuture(progress.record(Verdict.SKIPPED_AFTER_AUTHENTICATION.of(check, Map.of()))))
              .map(f -> f.<Void>mapEmpty())
              .toList();
          return Future.join(others);
        })
        .onComplete(all -> progress.finish()
            .onComplete(done -> {
              inFlight--;
              meters.runsInFlight().decrementAndGet();
              store.markFinished(run);
              if (done.succeeded()) {
                store.retain(run);
              }
              finished(run);
              ownReports.remove(run.id());
              report.handle(done);
              replyWhenDrained();
            }));
  }

  /** One line per run, with each check's outcome and duration: {@code authentication=passed/112ms datasets=...}. */
  private void finished(RunRecord run) {
    String outcome = run.json().getString("outcome");
    long durationMs = run.json().getLong("durationMs", 0L);
    meters.runFinished(outcome, durationMs);
    String checks = run.json().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .map(c -> c.getString("check") + "=" + c.getString("outcome")
            + (Outcome.SKIPPED.wire().equals(c.getString("outcome")) ? "" : "/" + c.getLong("durationMs", 0L) + "ms"))
        .collect(Collectors.joining(" "));
    log.info("Run {} finished: {} in {} ms; {}", run.id(), outcome, durationMs, checks);
  }

  /** Asks one check; a bus failure (no handler, timeout) becomes an error verdict, never a failed one. */
  private Future<CheckReply> ask(String runId, CheckSpec check, Credentials credentials, TokenGrant grant,
                                 String dataset, Deadline runDeadline) {
    Map<String, Object> facts = Map.of("endpoint", check.title(), "apiHost", credentials.apiHost().baseUrl());
    CheckCall call = new CheckCall(vertx, runId, check, settings.timeoutFor(check), runDeadline,
        budget -> new CheckRequest(runId, check.id(), credentials, grant, dataset, budget).toJson(), facts);
    if (stopped != null) {
      call.abandon();
    }
    long asked = System.nanoTime();
    Future<CheckReply> reply = call.start()
        .onSuccess(answer -> meters.checkDuration(check.id(), System.nanoTime() - asked));
    if (!call.isAnswered()) {
      openCalls.add(call);
      reply.onComplete(done -> openCalls.remove(call));
    }
    return reply;
  }

  /**
   * The report of a run once it is done: straight from this verticle when it coordinates the run, which spares an
   * event-bus subscription and a store read per waiting caller; from the run's events otherwise.
   */
  private Future<JsonObject> reportOf(RunRecord run) {
    Future<JsonObject> own = ownReports.get(run.id());
    return own != null ? own : awaitReport(run);
  }

  /** Waits for the run's {@code done} event, wherever the run is coordinated. */
  private Future<JsonObject> awaitReport(RunRecord run) {
    var consumer = vertx.eventBus().<JsonObject>consumer(Addresses.events(run.id()));
    var report = Promise.<JsonObject>promise();
    consumer.handler(event -> {
      if ("done".equals(event.body().getString("type"))) {
        report.tryComplete(event.body().getJsonObject("data"));
      }
    });
    long guard = vertx.setTimer(settings.runDeadlineMs() + 5_000, t -> report.tryFail("no report in time"));
    long[] catchUp = {-1};
    consumer.completion().onSuccess(v -> {
      readReport(run.id(), report);
      // The done event can pass this node by while the coordinator's node learns of the subscription.
      catchUp[0] = SubscriptionLag.catchUp(vertx, () -> readReport(run.id(), report));
    });
    return report.future().onComplete(done -> {
      vertx.cancelTimer(guard);
      SubscriptionLag.stop(vertx, catchUp[0]);
      consumer.unregister();
    });
  }

  private void readReport(String runId, Promise<JsonObject> report) {
    if (report.future().isComplete()) {
      return;
    }
    store.find(runId).onSuccess(latest -> {
      if (latest != null && latest.isDone()) {
        report.tryComplete(latest.report());
      }
    });
  }

  /** One run's record and the chain of its writes: each event is stored, then published, in order. */
  private final class Progress {
    private final RunRecord run;
    private Future<Void> writes = Future.succeededFuture();

    Progress(RunRecord run) {
      this.run = run;
    }

    Void record(CheckResult result) {
      meters.checkResult(result);
      append(run.recordResult(result));
      return null;
    }

    /** Closes the run; the answer is its report, once its {@code done} event is stored and published. */
    Future<JsonObject> finish() {
      JsonObject done = run.finish();
      return append(done).map(published -> done.getJsonObject("data"));
    }

    private Future<Void> append(JsonObject event) {
      writes = writes.transform(previous -> store.save(run))
          .onSuccess(saved -> vertx.eventBus().publish(Addresses.events(run.id()), event))
          .onFailure(err -> log.error("Run {}: could not store event {}", run.id(), event.getInteger("seq"), err));
      return writes;
    }
  }
}
