package io.domopreflight.bench;

import io.domopreflight.cluster.Nginx;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark at tiny sizes, so a change that breaks the harness fails the build. Timing is never asserted. */
class BenchmarkSmokeIT {

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  @DisplayName("The benchmark runs every phase against the jar and reports every figure")
  void benchmarkRunsEveryPhase() throws Exception {
    BenchSettings settings = BenchSettings.smoke();

    BenchReport report = Benchmark.run(settings, Path.of(System.getProperty("preflight.jar")));

    Map<String, Double> values = report.values();
    assertThat(values).containsKeys("fast.p50", "slow.p50", "fast.perSecond", "slow.perSecond", "run.heapKiB");
    // A preflight makes six calls whatever the instance size: a token, two lists and three one-row queries.
    assertThat(values.get("small.requests")).isEqualTo(6.0);
    assertThat(values.get("large.requests")).isEqualTo(6.0);
    assertThat(values.get("fan.connected")).isEqualTo(settings.sseClients());
    assertThat(report.markdown()).contains("| preflight latency p50");
    if (Nginx.executable() != null) {
      assertThat(values).containsKeys("cluster.node3.readyMs", "cluster.fast.perSecond", "cluster.slow.perSecond");
    }
  }
}
