package io.domopreflight.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the simulator serves: its clients, DomoStats datasets, demo scenarios and fixture sizes.
 *
 * @param port             where to listen on 127.0.0.1; 0 picks a free port
 * @param latencyMs        delay added to every request of a client without its own latency
 * @param tokenTtlSeconds  {@code expires_in} of issued tokens
 * @param customer         the instance name carried by tokens
 * @param datasetCount     how many ordinary datasets {@code GET /v1/datasets} lists besides the configured ones
 * @param pageCount        how many pages the instance has, arranged in trees up to three deep
 * @param onceResetMs      quiet time after which a client's "once" faults fire again, so a demo can be replayed
 * @param scenarios        named presets, {@code {id, title, description, request}}
 * @param jitterMs         up to this much more delay, drawn per request, so that parallel calls land apart
 */
public record SimulatorConfig(int port, long latencyMs, long tokenTtlSeconds, String customer, int datasetCount,
                              int pageCount, long onceResetMs, List<SimClient> clients, List<SimDataset> datasets,
                              JsonArray scenarios, long jitterMs) {

  public static final String DEFAULT_RESOURCE = "sim/default-scenarios.json";
  public static final long DEFAULT_TOKEN_TTL_SECONDS = 3599;
  public static final int DEFAULT_DATASET_COUNT = 120;
  public static final int DEFAULT_PAGE_COUNT = 60;
  public static final long DEFAULT_ONCE_RESET_MS = 5000;

  public SimulatorConfig {
    clients = List.copyOf(clients);
    datasets = List.copyOf(datasets);
    scenarios = scenarios.copy();
  }

  public static SimulatorConfig fromJson(JsonObject json) {
    List<SimClient> clients = new ArrayList<>();
    json.getJsonArray("clients", new JsonArray()).forEach(c -> clients.add(SimClient.fromJson((JsonObject) c)));
    List<SimDataset> datasets = new ArrayList<>();
    json.getJsonArray("datasets", new JsonArray()).forEach(d -> datasets.add(SimDataset.fromJson((JsonObject) d)));

    return new SimulatorConfig(json.getInteger("port", 0), json.getLong("latencyMs", 0L),
        json.getLong("tokenTtlSeconds", DEFAULT_TOKEN_TTL_SECONDS), json.getString("customer", "acmeco"),
        json.getInteger("datasetCount", DEFAULT_DATASET_COUNT), json.getInteger("pageCount", DEFAULT_PAGE_COUNT),
        json.getLong("onceResetMs", DEFAULT_ONCE_RESET_MS), clients, datasets,
        json.getJsonArray("scenarios", new JsonArray()), json.getLong("jitterMs", 0L));
  }

  /** The scenarios shipped on the classpath. Reads a small resource: call it at start-up, not on an event loop. */
  public static SimulatorConfig defaults() {
    try (InputStream in = SimulatorConfig.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Classpath resource " + DEFAULT_RESOURCE + " is missing from the build");
      }
      return fromJson(new JsonObject(Buffer.buffer(in.readAllBytes())));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** A complete configuration file (same format as the default one, which it replaces). */
  public static Future<SimulatorConfig> fromFile(Vertx vertx, String path) {
    return vertx.fileSystem().readFile(path).map(buffer -> fromJson(buffer.toJsonObject()));
  }

  public SimulatorConfig withJitterMs(long millis) {
    return new SimulatorConfig(port, latencyMs, tokenTtlSeconds, customer, datasetCount, pageCount, onceResetMs,
        clients, datasets, scenarios, millis);
  }

  public SimulatorConfig withPort(int newPort) {
    return new SimulatorConfig(newPort, latencyMs, tokenTtlSeconds, customer, datasetCount, pageCount, onceResetMs,
        clients, datasets, scenarios, jitterMs);
  }

  public SimulatorConfig withLatencyMs(long newLatencyMs) {
    return new SimulatorConfig(port, newLatencyMs, tokenTtlSeconds, customer, datasetCount, pageCount, onceResetMs,
        clients, datasets, scenarios, jitterMs);
  }

  public SimulatorConfig withTokenTtlSeconds(long seconds) {
    return new SimulatorConfig(port, latencyMs, seconds, customer, datasetCount, pageCount, onceResetMs, clients,
        datasets, scenarios, jitterMs);
  }

  public SimulatorConfig withDatasetCount(int count) {
    return new SimulatorConfig(port, latencyMs, tokenTtlSeconds, customer, count, pageCount, onceResetMs, clients,
        datasets, scenarios, jitterMs);
  }

  public SimulatorConfig withPageCount(int count) {
    return new SimulatorConfig(port, latencyMs, tokenTtlSeconds, customer, datasetCount, count, onceResetMs, clients,
        datasets, scenarios, jitterMs);
  }

  public SimulatorConfig withOnceResetMs(long millis) {
    return new SimulatorConfig(port, latencyMs, tokenTtlSeconds, customer, datasetCount, pageCount, millis, clients,
        datasets, scenarios, jitterMs);
  }

  /** Adds a client, replacing any with the same id; {@code json} uses the file format. */
  public SimulatorConfig withClient(JsonObject json) {
    SimClient client = SimClient.fromJson(json);
    List<SimClient> list = new ArrayList<>(clients.stream().filter(c -> !c.clientId().equals(client.clientId()))
        .toList());
    list.add(client);
    return new SimulatorConfig(port, latencyMs, tokenTtlSeconds, customer, datasetCount, pageCount, onceResetMs, list,
        datasets, scenarios, jitterMs);
  }

  /** Adds a dataset, replacing any with the same id; {@code json} uses the file format. */
  public SimulatorConfig withDataset(JsonObject json) {
    SimDataset dataset = SimDataset.fromJson(json);
    List<SimDataset> list = new ArrayList<>(datasets.stream().filter(d -> !d.id().equals(dataset.id())).toList());
    list.add(dataset);
    return new SimulatorConfig(port, latencyMs, tokenTtlSeconds, customer, datasetCount, pageCount, onceResetMs,
        clients, list, scenarios, jitterMs);
  }
}
