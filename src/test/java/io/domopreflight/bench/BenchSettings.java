package io.domopreflight.bench;

/**
 * The sizes and durations of one benchmark run. {@link #full()} is the documented run; {@link #smoke()} proves the
 * harness still works in a few seconds. Any field can be overridden with a system property {@code -Dbench.<field>}.
 *
 * @param datasets        DataSets the large simulated instance lists
 * @param rows            rows of each DomoStats report of the large instance
 * @param latencyMs       Domo latency per call for the "slow" clients (the others answer at once)
 * @param latencyRuns     sequential preflights per latency level, each with a client whose token is not cached
 * @param clientPool      clients the throughput phase rotates through, so concurrent runs never dedupe
 * @param sseClients      event-stream clients of the fan-out phase
 * @param fanLatencyMs    Domo latency of the fan-out runs: the time the clients have to connect before the verdict
 * @param holdRuns        runs kept in flight to measure the memory of one run
 */
record BenchSettings(int datasets, int pages, long rows, int smallDatasets, int smallPages, long smallRows,
                     long latencyMs, int latencyRuns, int concurrency, int throughputSeconds, int clientPool,
                     int curlRuns, int sseClients, int fanRuns, long fanLatencyMs, int holdRuns, long holdLatencyMs,
                     String serviceHeap) {

  static BenchSettings full() {
    return new BenchSettings(20_000, 5_000, 1_000_000, 2_000, 500, 100_000, 20, 200, 64, 10, 1024, 20, 10_000, 10,
        25_000, 1_000, 10_000, "512m").overridden();
  }

  static BenchSettings smoke() {
    return new BenchSettings(200, 50, 1_000, 20, 5, 100, 5, 5, 4, 1, 16, 1, 20, 2, 2_500, 10, 2_000, "256m");
  }

  /** Applies {@code -Dbench.<field>=value} overrides, so one figure can be re-measured at another size. */
  BenchSettings overridden() {
    return new BenchSettings(i("datasets", datasets), i("pages", pages), l("rows", rows),
        i("smallDatasets", smallDatasets), i("smallPages", smallPages), l("smallRows", smallRows),
        l("latencyMs", latencyMs), i("latencyRuns", latencyRuns), i("concurrency", concurrency),
        i("throughputSeconds", throughputSeconds), i("clientPool", clientPool), i("curlRuns", curlRuns),
        i("sseClients", sseClients), i("fanRuns", fanRuns), l("fanLatencyMs", fanLatencyMs),
        i("holdRuns", holdRuns), l("holdLatencyMs", holdLatencyMs),
        System.getProperty("bench.serviceHeap", serviceHeap));
  }

  private static int i(String name, int value) {
    return Integer.getInteger("bench." + name, value);
  }

  private static long l(String name, long value) {
    return Long.getLong("bench." + name, value);
  }
}
