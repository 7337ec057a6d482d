package io.domopreflight;

/**
 * Every event-bus address the service uses. Messages are JSON objects; their shapes are documented in the README.
 */
public final class Addresses {

  /** Request: a preflight request. Reply: the final report once every check has its outcome. */
  public static final String RUN = "preflight.run";

  /** Request: a preflight request. Reply at once: {@code {id, snapshot}}; the run goes on in the background. */
  public static final String START = "preflight.start";

  /**
   * Local to each node. Request: none. The node's coordinator takes no new runs from then on and replies once the
   * runs it coordinates have finished; a graceful shutdown waits for that reply.
   */
  public static final String DRAIN = "preflight.node.drain";

  /**
   * Local to each node. Request: none. Every check of this node's runs that has no answer yet ends in
   * {@code error}/{@code unavailable}, so each run finishes with its {@code done} event; the reply comes once they
   * have. A graceful shutdown sends it when its grace is over.
   */
  public static final String STOP_RUNS = "preflight.node.stop-runs";

  private static final String CHECK_PREFIX = "preflight.check.";
  private static final String EVENTS_PREFIX = "preflight.events.";

  private Addresses() {
  }

  /** Where the verticle of one check listens, for example {@code preflight.check.datasets}. */
  public static String check(String checkId) {
    return CHECK_PREFIX + checkId;
  }

  /** Where the events of one run are published as {@code {seq, type, data}}. */
  public static String events(String runId) {
    return EVENTS_PREFIX + runId;
  }
}
