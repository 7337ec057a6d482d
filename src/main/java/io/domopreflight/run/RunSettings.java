package io.domopreflight.run;

import io.domopreflight.check.CheckSpec;
import io.domopreflight.domo.AllowedHosts;

import java.util.Map;

/**
 * How runs are coordinated, read once from configuration.
 *
 * @param checkTimeoutsMs the time each check may take, by check id; the run's deadline can cut it shorter
 * @param runDeadlineMs   the time a whole run may take
 * @param retentionMs     how long a finished run stays readable
 * @param maxRetained     how many runs finished on this node stay readable at most
 * @param maxRunsInFlight runs this node coordinates at once before it answers "too many runs"
 */
public record RunSettings(String defaultApiHost, AllowedHosts allowedHosts, Map<String, Long> checkTimeoutsMs,
                          long defaultCheckTimeoutMs, long runDeadlineMs, long retentionMs, int maxRetained,
                          int maxRunsInFlight) {

  public long timeoutFor(CheckSpec check) {
    return checkTimeoutsMs.getOrDefault(check.id(), defaultCheckTimeoutMs);
  }
}
