package io.domopreflight.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in nanoseconds, safe to add to from several event loops; percentiles by nearest rank. */
final class Timings {

  private final List<Long> nanos = new ArrayList<>();
  private int failures;

  synchronized void add(long durationNanos) {
    nanos.add(durationNanos);
  }

  synchronized void fail() {
    failures++;
  }

  synchronized int failures() {
    return failures;
  }

  synchronized int count() {
    return nanos.size();
  }

  /** The p-th percentile in milliseconds, or NaN when nothing was measured. */
  synchronized double percentileMs(double p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
  }

  double p50() {
    return percentileMs(50);
  }

  double p99() {
    return percentileMs(99);
  }
}
