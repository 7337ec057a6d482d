package io.domopreflight.sim;

import io.vertx.core.Vertx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The state of one running simulator, shared by its endpoints. */
final class Simulation {

  final Vertx vertx;
  final SimulatorConfig config;
  final DatasetCatalog datasets;
  final PageTree pages;
  final RowValues values;
  final TokenIssuer tokens;
  final FaultMemory memory;
  final RequestLog log = new RequestLog();
  final ReplyWriter writer;

  private final Map<String, SimClient> clients = new LinkedHashMap<>();

  Simulation(Vertx vertx, SimulatorConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.datasets = new DatasetCatalog(config.datasets(), config.datasetCount());
    this.pages = new PageTree(config.pageCount());
    this.values = new RowValues(pages, datasets, config.customer());
    this.tokens = new TokenIssuer(config.customer());
    this.memory = new FaultMemory(config.onceResetMs());
    this.writer = new ReplyWriter(vertx);
    config.clients().forEach(c -> clients.put(c.clientId(), c));
  }

  Optional<SimClient> client(String clientId) {
    return Optional.ofNullable(clientId == null ? null : clients.get(clientId));
  }

  /** The delay every request of this client waits before it is handled. */
  long latencyFor(SimClient client) {
    long base = client != null && client.latencyMs() != null ? client.latencyMs() : config.latencyMs();
    long jitter = config.jitterMs() > 0 ? ThreadLocalRandom.current().nextLong(config.jitterMs() + 1) : 0;
    return base + jitter;
  }
}
