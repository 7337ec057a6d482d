package io.domopreflight.run;

import io.domopreflight.Addresses;
import io.domopreflight.check.CheckReply;
import io.domopreflight.check.CheckRequest;
import io.domopreflight.check.CheckResult;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Verdict;
import io.domopreflight.domo.ApiHost;
import io.domopreflight.domo.Credentials;
import io.domopreflight.domo.Deadline;
import io.domopreflight.domo.HostRefusedException;
import io.domopreflight.domo.OutboundGuard;
import io.domopreflight.domo.TokenGrant;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs preflights: answers {@code preflight.start} and {@code preflight.run}, asks authentication first and then
 * every other check at once over the event bus, and records and publishes each verdict the moment it lands.
 */
public final class RunCoordinator extends VerticleBase {

  /** Failure code on the bus when this node already coordinates as many runs as it may. */
  public static final int TOO_MANY_RUNS = 429;
  /** Time for a check's reply to travel back after its own deadline, so the check can say "timeout" itself. */
  static final long REPLY_GRACE_MS = 250;
  private static final Logger log = LoggerFactory.getLogger(RunCoordinator.class);

  /** How long validation waits for DNS; a slower answer is left to the checks, which have their own deadlines. */
  static final long RESOLVE_AT_START_MS = 2_000;
  /** Bus header with the fingerprint of the API key that asked, so runs stay visible only to their caller. */
  public static final String CALLER_HEADER = "caller";

  private final RunSettings settings;
  private final OutboundGuard guard;
  private final String nodeId = UUID.randomUUID().toString();
  private RunStore store;
  private AsyncMap<String, String> runningByKey;
  private int inFlight;

  public RunCoordinator(RunSettings settings, OutboundGuard guard) {
    this.settings = settings;
    this.guard = guard;
  }

  @Override
  public Future<?> start() {
    return RunStore.create(vertx, settings.retentionMs())
        .compose(created -> {
          store = created;
          return vertx.sharedData().<String, String>getAsyncMap("preflight.running");
        })
        .compose(map -> {
          runningByKey = map;
          return Future.join(
              vertx.eventBus().<JsonObject>consumer(Addresses.START, this::onStart).completion(),
              vertx.eventBus().<JsonObject>consumer(Addresses.RUN, this::onRun).completion());
        });
  }

  private void onStart(Message<JsonObject> message) {
    begin(message).onSuccess(run -> message.reply(new JsonObject().put("id", run.id()).put("snapshot", run.report())));
  }

  private void onRun(Message<JsonObject> message) {
    begin(message)
        .compose(run -> run.isDone() ? Future.succeededFuture(run.report()) : awaitReport(run))
        .onSuccess(message::reply)
        .onFailure(err -> message.fail(500, "The run did not finish: " + err.getMessage()));
  }

  /** Validates the request and its host, then starts its run or joins an identical run of the same caller. */
  private Future<RunRecord> begin(Message<JsonObject> message) {
    PreflightRequest request;
    try {
      request = validate(message.body());
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
    if (inFlight >= settings.maxRunsInFlight()) {
      message.fail(TOO_MANY_RUNS, "This node is running " + inFlight + " preflights, its limit; try again shortly.");
      return Future.failedFuture("too many runs");
    }

    RunRecord run = RunRecord.start(UUID.randomUUID().toString(), request, caller, nodeId,
        System.currentTimeMillis() + settings.runDeadlineMs());
    long keyTtl = settings.runDeadlineMs() + REPLY_GRACE_MS;
    return runningByKey.putIfAbsent(run.dedupeKey(), run.id(), keyTtl).compose(existing -> {
      if (existing != null) {
        return store.find(existing).compose(found -> found != null ? Future.succeededFuture(found)
            : startRun(run, request));
      }
      return startRun(run, request);
    }).onFailure(err -> {
      log.error("Could not start a run", err);
      message.fail(500, "The run could not be started.");
    });
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
    return store.save(run).map(saved -> run).onSuccess(saved -> execute(run, request));
  }

  private void execute(RunRecord run, PreflightRequest request) {
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
              runningByKey.removeIfPresent(run.dedupeKey(), run.id());
              log.info("Run {} finished: {} in {} ms ({} checks)", run.id(), run.json().getString("outcome"),
                  run.json().getLong("durationMs"), request.checks().size());
            }));
  }

  /** Asks one check; a bus failure (no handler, timeout) becomes an error verdict, never a failed one. */
  private Future<CheckReply> ask(String runId, CheckSpec check, Credentials credentials, TokenGrant grant,
                                 String dataset, Deadline runDeadline) {
    long budget = Math.min(settings.timeoutFor(check), runDeadline.remainingMs() - REPLY_GRACE_MS);
    Map<String, Object> facts = Map.of("timeoutMs", Math.max(budget, 0), "endpoint", check.title(),
        "apiHost", credentials.apiHost().baseUrl());
    if (budget <= 0) {
      return Future.succeededFuture(CheckReply.of(Verdict.TIMEOUT_REACHED.of(check, facts)));
    }
    CheckRequest request = new CheckRequest(runId, check.id(), credentials, grant, dataset, budget);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(budget + REPLY_GRACE_MS);

    return vertx.eventBus().<JsonObject>request(Addresses.check(check.id()), request.toJson(), options)
        .map(reply -> CheckReply.fromJson(reply.body()))
        .recover(failure -> Future.succeededFuture(CheckReply.of(busFailure(check, failure, facts))));
  }

  private static CheckResult busFailure(CheckSpec check, Throwable failure, Map<String, Object> facts) {
    ReplyFailure type = failure instanceof ReplyException reply ? reply.failureType() : ReplyFailure.ERROR;
    if (type == ReplyFailure.TIMEOUT) {
      return Verdict.TIMEOUT_REACHED.of(check, facts);
    }
    if (type == ReplyFailure.NO_HANDLERS) {
      return Verdict.CHECK_UNAVAILABLE.of(check, Map.of("detail", "nothing listens on " + Addresses.check(check.id())));
    }
    return Verdict.INTERNAL_ERROR.of(check, facts);
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
    consumer.completion()
        .compose(v -> store.find(run.id()))
        .onSuccess(latest -> {
          if (latest != null && latest.isDone()) {
            report.tryComplete(latest.report());
          }
        });
    return report.future().onComplete(done -> {
      vertx.cancelTimer(guard);
      consumer.unregister();
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
      append(run.recordResult(result));
      return null;
    }

    Future<Void> finish() {
      return append(run.finish());
    }

    private Future<Void> append(JsonObject event) {
      writes = writes.transform(previous -> store.save(run))
          .onSuccess(saved -> vertx.eventBus().publish(Addresses.events(run.id()), event))
          .onFailure(err -> log.error("Run {}: could not store event {}", run.id(), event.getInteger("seq"), err));
      return writes;
    }
  }
}
