package io.domopreflight.check;

import io.domopreflight.Addresses;
import io.domopreflight.domo.DomoClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A check listening on {@code preflight.check.<id>}: it reads a {@link CheckRequest}, asks Domo, and replies with a
 * {@link CheckReply}. A check always replies with a verdict, never with a bus failure, so the coordinator can tell
 * "Domo said no" from "the check could not be asked".
 */
public abstract class CheckVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(CheckVerticle.class);

  protected final DomoClient domo;
  private final CheckSpec spec;

  protected CheckVerticle(CheckSpec spec, DomoClient domo) {
    this.spec = spec;
    this.domo = domo;
  }

  public CheckSpec spec() {
    return spec;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.check(spec.id()), this::onRequest).completion();
  }

  /** Asks Domo and reads its answer; a failed future is turned into an error verdict by the caller. */
  protected abstract Future<CheckReply> evaluate(CheckRequest request, Findings findings);

  private void onRequest(Message<JsonObject> message) {
    long started = System.nanoTime();
    CheckRequest request;
    try {
      request = CheckRequest.fromJson(message.body());
    } catch (RuntimeException badRequest) {
      // Only the coordinator sends here; a malformed request is a bug, reported as such rather than thrown.
      log.error("Check {} received a malformed request: {}", spec.id(), badRequest.getClass().getSimpleName());
      message.reply(CheckReply.of(Verdict.INTERNAL_ERROR.of(spec, Map.of())).toJson());
      return;
    }

    Findings findings = new Findings(spec, request);
    Future<CheckReply> reply;
    try {
      reply = evaluate(request, findings);
    } catch (RuntimeException bug) {
      reply = Future.failedFuture(bug);
    }

    reply.recover(failure -> {
      if (!(failure instanceof io.domopreflight.domo.DomoCallException)) {
        log.error("Check {} of run {} broke", spec.id(), request.runId(), failure);
      }
      return Future.succeededFuture(CheckReply.of(findings.onFailure(failure)));
    }).onSuccess(done -> {
      long millis = (System.nanoTime() - started) / 1_000_000;
      message.reply(new CheckReply(done.result().withDuration(millis), done.grant()).toJson());
    });
  }
}
