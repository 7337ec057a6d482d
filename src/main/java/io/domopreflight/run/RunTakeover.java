package io.domopreflight.run;

import io.domopreflight.Addresses;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Verdict;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes the runs of a node that left the cluster. The secret of a run never leaves its coordinating node's
 * memory, so the checks cannot be asked again: every check still pending ends in error ({@link
 * Verdict#COORDINATOR_LOST}) and the run gets its {@code done} event, stored then published like any other.
 *
 * <p>Runs on every node. A node that leaves triggers a sweep at once; a periodic sweep catches the runs of a node
 * that left while no listener saw it (for instance before this node joined). A cluster lock per run and a fresh read
 * of the run under that lock make sure exactly one node finishes it and numbers its events after the last stored.
 *
 * <p>NOTE: a node cut off by a network partition, rather than dead, is taken for dead too; if it comes back, events
 * it stores for runs finished here would follow {@code done}. Hazelcast's split-brain protection is not configured:
 * a preflight is short and safe to run again, and the streams end at the first {@code done}.
 */
public final class RunTakeover extends VerticleBase {

  /** How long to wait for the lock of a run; if another node holds it, that node is finishing the run. */
  static final long LOCK_WAIT_MS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(RunTakeover.class);

  private final long retentionMs;
  private final int maxRetained;
  private final long sweepMs;
  /** Runs this node is finishing now, so that overlapping sweeps do not queue for the same lock. */
  private final Set<String> finishing = new HashSet<>();
  private Membership membership;
  private RunStore store;
  private Runnable stopListening = () -> { };

  /**
   * @param retentionMs how long a finished run is kept, as for the coordinator
   * @param maxRetained how many runs finished on this node are kept at most, as for the coordinator
   * @param sweepMs     how often to look for runs whose coordinating node is gone
   */
  public RunTakeover(long retentionMs, int maxRetained, long sweepMs) {
    this.retentionMs = retentionMs;
    this.maxRetained = maxRetained;
    this.sweepMs = sweepMs;
  }

  @Override
  public Future<?> start() {
    membership = Membership.of(vertx);
    return RunStore.create(vertx, retentionMs, maxRetained).onSuccess(created -> {
      store = created;
      stopListening = membership.onNodeLeft(context, left -> sweep());
      vertx.setPeriodic(sweepMs, sweepMs, timer -> sweep());
    });
  }

  @Override
  public Future<?> stop() {
    stopListening.run();
    return Future.succeededFuture();
  }

  /** Finishes every run under way whose coordinating node is no longer a member. */
  Future<Void> sweep() {
    return store.activeRuns()
        .compose(active -> {
          List<String> members = membership.members();
          List<Future<Void>> takeovers = active.entrySet().stream()
              .filter(run -> !members.contains(run.getValue()) && finishing.add(run.getKey()))
              .map(run -> takeOver(run.getKey(), run.getValue())
                  .eventually(() -> {
                    finishing.remove(run.getKey());
                    return Future.succeededFuture();
                  }))
              .toList();
          return Future.join(takeovers).<Void>mapEmpty();
        })
        .onFailure(err -> log.warn("Could not look for runs whose node left; trying again in {} ms", sweepMs, err));
  }

  private Future<Void> takeOver(String runId, String owner) {
    return vertx.sharedData().getLockWithTimeout("preflight.takeover." + runId, LOCK_WAIT_MS)
        .compose(lock -> store.find(runId)
            .compose(run -> finish(run, runId, owner))
            .eventually(() -> {
              lock.release();
              return Future.succeededFuture();
            }))
        .recover(notHere -> {
          // Usually the lock: another node is finishing this run. Anything else is retried by the next sweep.
          log.debug("Run {} not finished here: {}", runId, notHere.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> finish(RunRecord run, String runId, String owner) {
    if (run == null) {
      // Forgotten already; nothing to finish, only the stale listing to drop.
      return store.forgetActive(runId);
    }
    if (run.isDone()) {
      // Its node stored done and died before unlisting it.
      return store.markFinished(run).compose(unlisted -> store.retain(run));
    }

    List<JsonObject> events = new ArrayList<>();
    List<String> pending = run.pendingChecks();
    for (String checkId : pending) {
      CheckSpec check = CheckSpec.byId(checkId).orElseThrow();
      events.add(run.recordResult(Verdict.COORDINATOR_LOST.of(check, Map.of("node", owner))));
    }
    events.add(run.finish());

    return store.save(run)
        .onSuccess(saved -> {
          events.forEach(event -> vertx.eventBus().publish(Addresses.events(run.id()), event));
          log.warn("Run {} lost its coordinating node {}; finished it here with {} check(s) in error",
              run.id(), owner, pending.size());
        })
        .compose(saved -> store.markFinished(run))
        .compose(unlisted -> store.retain(run));
  }
}
