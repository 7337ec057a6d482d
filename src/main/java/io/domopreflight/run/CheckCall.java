package io.domopreflight.run;

import io.domopreflight.Addresses;
import io.domopreflight.check.CheckReply;
import io.domopreflight.check.CheckResult;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Verdict;
import io.domopreflight.domo.Deadline;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.LongFunction;

/**
 * One check asked for one run. When no reply can come (no node listens yet, the node asked went silent or left the
 * cluster), the check is asked again, on whichever node the bus picks, while the run's deadline allows: checks only
 * read from Domo, so a repeat is safe. A check that replied, whatever it said, is never asked again.
 *
 * <p>The first ask goes to this node's own check when it has one: the load balancer already spreads runs over the
 * nodes, and a local ask costs no network hop and no serialisation. Without a local check, and for every ask
 * after the first, the bus picks any node.
 */
final class CheckCall {

  /** Asks per check at most, the first included. */
  static final int MAX_ATTEMPTS = 4;
  /**
   * When a node leaves, when to ask again. A message sent to a dead node is dropped without a failure until every
   * node has dropped its subscriptions, which usually takes well under a second; the second ask covers a slow one.
   */
  static final long[] AFTER_NODE_LEFT_MS = {500, 2_000};
  /**
   * Pause before asking again when the bus could not deliver: the subscriptions of a node that just joined, or the
   * removal of those of a node that just died, take a moment to reach every node.
   */
  static final long UNDELIVERED_PAUSE_MS = 250;
  /** Below this, a new ask could not get an answer back in time. */
  static final long MIN_BUDGET_MS = 100;
  private static final Logger log = LoggerFactory.getLogger(CheckCall.class);

  private final Vertx vertx;
  private final String runId;
  private final CheckSpec check;
  private final long checkTimeoutMs;
  private final Deadline runDeadline;
  private final LongFunction<JsonObject> requestWithBudget;
  private final Map<String, Object> facts;
  private final Promise<CheckReply> reply = Promise.promise();
  private int attempts;
  private int outstanding;
  private boolean preferLocal;
  private long lastBudgetMs;
  private ReplyFailure lastFailure = ReplyFailure.NO_HANDLERS;

  /**
   * @param requestWithBudget the check request for a given time budget in ms; it carries the secret, so it is built
   *                          for each ask and never kept
   */
  CheckCall(Vertx vertx, String runId, CheckSpec check, long checkTimeoutMs, Deadline runDeadline,
            LongFunction<JsonObject> requestWithBudget, Map<String, Object> facts) {
    this.vertx = vertx;
    this.runId = runId;
    this.check = check;
    this.checkTimeoutMs = checkTimeoutMs;
    this.runDeadline = runDeadline;
    this.requestWithBudget = requestWithBudget;
    this.facts = facts;
    this.preferLocal = vertx.isClustered();
  }

  /** Asks the check; the reply is its verdict, or an error verdict when no node could answer. Never fails. */
  Future<CheckReply> start() {
    if (isAnswered()) {
      return reply.future();
    }
    long budget = budget();
    if (budget <= 0) {
      reply.complete(CheckReply.of(Verdict.TIMEOUT_REACHED.of(check, withTimeout(0))));
    } else {
      send(budget);
    }
    return reply.future();
  }

  boolean isAnswered() {
    return reply.future().isComplete();
  }

  /**
   * A node left the cluster: if it held this ask, no reply will ever come, so ask again shortly rather than wait for
   * the bus timeout. The first reply wins; a late one from an earlier ask is ignored.
   *
   * <p>NOTE: the bus does not say which node took a request, so every unanswered ask is repeated, including those a
   * surviving node is still answering; that costs a few extra read-only Domo calls once per node failure.
   */
  void nodeLeft() {
    for (long delay : AFTER_NODE_LEFT_MS) {
      vertx.setTimer(delay, t -> {
        long budget = budget();
        if (!isAnswered() && attempts < MAX_ATTEMPTS && budget >= MIN_BUDGET_MS) {
          log.info("Run {}: asking {} again, a node left while it was asked", runId, check.id());
          send(budget);
        }
      });
    }
  }

  /** The node is stopping: end the check now with an error verdict; a reply that comes later is ignored. */
  void abandon() {
    reply.tryComplete(CheckReply.of(Verdict.NODE_STOPPED.of(check, facts)));
  }

  private void send(long budget) {
    attempts++;
    outstanding++;
    lastBudgetMs = budget;
    boolean localOnly = preferLocal;
    preferLocal = false;
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(budget + RunCoordinator.REPLY_GRACE_MS)
        .setLocalOnly(localOnly);
    vertx.eventBus().<JsonObject>request(Addresses.check(check.id()), requestWithBudget.apply(budget), options)
        .onComplete(answer -> {
          outstanding--;
          if (answer.succeeded()) {
            reply.tryComplete(CheckReply.fromJson(answer.result().body()));
          } else if (localOnly && isNoHandlers(answer.cause())) {
            // No check of this kind here: ask the cluster, which is not a repeat.
            attempts--;
            send(budget);
          } else {
            failed(answer.cause());
          }
        });
  }

  private void failed(Throwable failure) {
    if (isAnswered() || outstanding > 0) {
      return;
    }
    ReplyFailure type = failure instanceof ReplyException replyFailure ? replyFailure.failureType()
        : ReplyFailure.ERROR;
    lastFailure = type;
    boolean noReplyCame = type != ReplyFailure.RECIPIENT_FAILURE;
    long pause = type == ReplyFailure.TIMEOUT ? 0 : UNDELIVERED_PAUSE_MS;
    if (noReplyCame && attempts < MAX_ATTEMPTS && budget() - pause >= MIN_BUDGET_MS) {
      log.info("Run {}: asking {} again after {}", runId, check.id(), type);
      if (pause > 0) {
        vertx.setTimer(pause, t -> sendIfStillUnanswered());
      } else {
        send(budget());
      }
      return;
    }
    reply.tryComplete(CheckReply.of(verdictFor(type)));
  }

  private static boolean isNoHandlers(Throwable failure) {
    return failure instanceof ReplyException replyFailure && replyFailure.failureType() == ReplyFailure.NO_HANDLERS;
  }

  private void sendIfStillUnanswered() {
    long budget = budget();
    if (!isAnswered() && outstanding == 0 && budget >= MIN_BUDGET_MS) {
      send(budget);
    } else if (!isAnswered() && outstanding == 0) {
      reply.tryComplete(CheckReply.of(verdictFor(lastFailure)));
    }
  }

  private CheckResult verdictFor(ReplyFailure type) {
    return switch (type) {
      case TIMEOUT -> Verdict.TIMEOUT_REACHED.of(check, withTimeout(lastBudgetMs));
      case NO_HANDLERS -> Verdict.CHECK_UNAVAILABLE.of(check,
          Map.of("detail", "nothing listens on " + Addresses.check(check.id())));
      default -> Verdict.INTERNAL_ERROR.of(check, facts);
    };
  }

  private Map<String, Object> withTimeout(long timeoutMs) {
    Map<String, Object> all = new java.util.HashMap<>(facts);
    all.put("timeoutMs", timeoutMs);
    return all;
  }

  private long budget() {
    return Math.min(checkTimeoutMs, runDeadline.remainingMs() - RunCoordinator.REPLY_GRACE_MS);
  }
}
