package io.domopreflight.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulated Domo instance of a benchmark, written as a simulator scenario file. Clients come in families, one per
 * phase, so that no two runs of a phase share credentials (identical requests would join one run):
 * {@code fast-<n>} (no latency), {@code slow-<n>} (the configured latency), {@code fan-<n>} and {@code hold-<n>}
 * (long latencies that keep runs open while they are observed).
 */
final class ScenarioFile {

  static final String SECRET = "bench-secret";
  static final String CARDS = "b3c10000-0000-4000-8000-000000000001";
  static final String CARD_PAGES = "b3c10000-0000-4000-8000-000000000002";
  static final String CARD_DATASOURCE = "b3c10000-0000-4000-8000-000000000003";

  private ScenarioFile() {
  }

  static Path write(Path dir, String name, BenchSettings settings, int datasets, int pages, long rows)
      throws IOException {
    int perFamily = settings.clientPool() + settings.latencyRuns() + settings.curlRuns() + 8;
    JsonArray clients = new JsonArray();
    family(clients, "fast", perFamily, null);
    family(clients, "slow", perFamily, settings.latencyMs());
    family(clients, "fan", settings.fanRuns(), settings.fanLatencyMs());
    family(clients, "hold", settings.holdRuns(), settings.holdLatencyMs());

    JsonObject config = new JsonObject()
        .put("latencyMs", 0)
        .put("customer", "benchco")
        .put("datasetCount", datasets)
        .put("pageCount", pages)
        .put("clients", clients)
        .put("datasets", new JsonArray()
            .add(report(CARDS, "cards", rows))
            .add(report(CARD_PAGES, "cardPages", rows))
            .add(report(CARD_DATASOURCE, "cardDatasource", rows)))
        .put("scenarios", new JsonArray());
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, config.encode());
    return file;
  }

  /** The body of a preflight of every check for one client, against the simulator at {@code apiHost}. */
  static JsonObject preflight(String apiHost, String clientId) {
    return new JsonObject()
        .put("apiHost", apiHost)
        .put("clientId", clientId)
        .put("clientSecret", SECRET)
        .put("domoStats", new JsonObject().put("cards", CARDS).put("cardPages", CARD_PAGES)
            .put("cardDatasource", CARD_DATASOURCE));
  }

  private static void family(JsonArray clients, String prefix, int count, Long latencyMs) {
    for (int i = 0; i < count; i++) {
      clients.add(new JsonObject().put("clientId", prefix + "-" + i).put("clientSecret", SECRET)
          .put("scopes", new JsonArray().add("data").add("dashboard")).put("latencyMs", latencyMs));
    }
  }

  private static JsonObject report(String id, String report, long rows) {
    return new JsonObject().put("id", id).put("report", report).put("rows", rows);
  }
}
