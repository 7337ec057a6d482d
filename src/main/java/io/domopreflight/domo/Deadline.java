package io.domopreflight.domo;

/** A point in time by which a piece of work must be done, read from the monotonic clock. */
public record Deadline(long atNanos) {

  public static Deadline in(long millis) {
    return new Deadline(System.nanoTime() + millis * 1_000_000L);
  }

  public long remainingMs() {
    return Math.max(0, (atNanos - System.nanoTime()) / 1_000_000L);
  }

  public boolean isOver() {
    return remainingMs() <= 0;
  }

  /** Whichever of the two comes first. */
  public Deadline min(Deadline other) {
    return atNanos - other.atNanos <= 0 ? this : other;
  }
}
