package io.domopreflight.sim;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which "once" faults already fired for a client, and which tokens were declared expired. A client that
 * stays quiet for {@code resetAfterMs} gets its once-faults back, so a scenario can be replayed from a browser
 * without restarting the simulator.
 */
final class FaultMemory {

  private final long resetAfterMs;
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> fired = new ConcurrentHashMap<>();
  private final Set<String> expiredJtis = ConcurrentHashMap.newKeySet();

  FaultMemory(long resetAfterMs) {
    this.resetAfterMs = resetAfterMs;
  }

  /** Notes activity of a client, first forgetting its fired faults if it had been quiet long enough. */
  void touch(String clientId, long nowMillis) {
    Long previous = lastSeen.put(clientId, nowMillis);
    if (previous != null && nowMillis - previous > resetAfterMs) {
      fired.remove(clientId);
    }
  }

  /** True only the first time a client reaches {@code key} (since the last reset). */
  boolean firstTime(String clientId, String key) {
    return fired.computeIfAbsent(clientId, id -> ConcurrentHashMap.newKeySet()).add(key);
  }

  void expire(String jti) {
    expiredJtis.add(jti);
  }

  boolean isExpired(String jti) {
    return expiredJtis.contains(jti);
  }

  void reset() {
    lastSeen.clear();
    fired.clear();
    expiredJtis.clear();
  }
}
