package io.domopreflight.app;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import io.domopreflight.run.Membership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.util.Properties;

/**
 * A Vert.x instance that joins the other nodes of the service through Hazelcast.
 *
 * <p>The Hazelcast configuration is {@code cluster.xml} at the root of the jar (the build copies it there from the
 * top of the project), so the jar joins the same way from any working directory; {@code cluster.config} names
 * another file instead. Its {@code ${preflight.cluster.*}} placeholders are filled from the {@code cluster.*} keys of
 * the service configuration, that is from the {@code PREFLIGHT_CLUSTER_*} variables.
 */
public final class ClusteredVertx {

  static final String CONFIG_RESOURCE = "cluster.xml";
  private static final Logger log = LoggerFactory.getLogger(ClusteredVertx.class);

  private ClusteredVertx() {
  }

  /** Joins (or forms) the cluster described by the {@code cluster.*} keys of {@code config}. */
  public static Future<Vertx> start(JsonObject config) {
    Config hazelcast;
    try {
      hazelcast = hazelcastConfig(config);
    } catch (FileNotFoundException | RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("Cannot read the cluster configuration: "
          + e.getMessage(), e));
    }

    String host = config.getString("cluster.host", "");
    EventBusOptions eventBus = new EventBusOptions().setPort(config.getInteger("cluster.eventBusPort", 0));
    if (!host.isBlank()) {
      eventBus.setHost(host);
    }
    String publicHost = config.getString("cluster.publicHost", "");
    if (!publicHost.isBlank()) {
      eventBus.setClusterPublicHost(publicHost);
    }

    long started = System.nanoTime();
    return VertxFactory.builder(new VertxOptions().setEventBusOptions(eventBus), config)
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered()
        .onSuccess(vertx -> log.info("Joined cluster {} in {} ms as one of {} node(s)", hazelcast.getClusterName(),
            (System.nanoTime() - started) / 1_000_000, Membership.of(vertx).members().size()));
  }

  /** The Hazelcast configuration with the placeholders filled and the network pinned to {@code cluster.host}. */
  static Config hazelcastConfig(JsonObject config) throws FileNotFoundException {
    Properties properties = new Properties();
    properties.putAll(System.getProperties());
    properties.setProperty("preflight.cluster.name", config.getString("cluster.name", "domo-preflight"));
    properties.setProperty("preflight.cluster.members", config.getString("cluster.members", "127.0.0.1"));
    properties.setProperty("preflight.cluster.port", String.valueOf(config.getInteger("cluster.port", 5701)));
    properties.setProperty("preflight.cluster.failureDetectionSeconds",
        String.valueOf(config.getInteger("cluster.failureDetectionSeconds", 5)));

    String file = config.getString("cluster.config", "");
    Config hazelcast = file.isBlank() ? new ClasspathXmlConfig(CONFIG_RESOURCE, properties)
        : new FileSystemXmlConfig(file, properties);

    // Pinned so that a host with several interfaces (Docker, VPN) advertises the address the other nodes can reach.
    String host = config.getString("cluster.host", "");
    if (!host.isBlank()) {
      hazelcast.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
    }
    String publicHost = config.getString("cluster.publicHost", "");
    if (!publicHost.isBlank()) {
      hazelcast.getNetworkConfig().setPublicAddress(publicHost);
    }
    return hazelcast;
  }
}
