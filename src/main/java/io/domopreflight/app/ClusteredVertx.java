package io.domopreflight.app;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import io.domopreflight.run.Membership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
  private static final Logger log = LoggerFactory.getLogger(ClusteredVertx.class);

  private ClusteredVertx() {
  }

  /** Joins (or forms) the cluster described by the {@code cluster.*} keys of {@code config}. */
  public static Future<Vertx> start(JsonObject config) {
    if (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() < 2) {
      // Main sets it; a JVM that embeds the service may have started the pool before.
      log.warn("The common fork-join pool has one thread, so Hazelcast starts a thread per completed operation; "
          + "start the JVM with -D{}=2", COMMON_POOL_PARALLELISM);
    }
    Config hazelcast;
    try {
      hazelcast = hazelcastConfig(config);
    } catch (FileNotFoundException | RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("Cannot read the cluster configuration: "
          + e.getMessage(), e));
    }
    boolean tls;
    try {
      tls = ServiceConfig.clusterTls(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
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
    if (tls) {
      try {
        encrypt(eventBus, config);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
    } else {
      log.info("Event bus between nodes is not encrypted (set cluster.tls.* for mutual TLS)");
    }

    long started = System.nanoTime();
    return VertxFactory.builder(new VertxOptions().setEventBusOptions(eventBus), config)
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered()
        .onSuccess(vertx -> log.info("Joined cluster {} in {} ms as one of {} node(s)", hazelcast.getClusterName(),
            (System.nanoTime() - started) / 1_000_000, Membership.of(vertx).members().size()));
  }

  /**
   * Mutual TLS on the event bus: check requests carry Domo secrets, and requiring a client certificate means a process
   * without one trusted by {@code cluster.tls.caPath} can neither send to the nodes' consumers nor receive from them.
   */
  private static void encrypt(EventBusOptions eventBus, JsonObject config) {
    // Checked here because Vert.x's own error for a bad PEM file names neither the file nor the setting.
    for (String key : ServiceConfig.CLUSTER_TLS) {
      Path file = Path.of(String.valueOf(config.getValue(key)));
      String pem;
      try {
        pem = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      } catch (IOException | RuntimeException e) {
        throw ServiceConfig.bad(key, "names " + file.toAbsolutePath() + ", which cannot be read: "
            + e.getClass().getSimpleName());
      }
      String expected = key.equals("cluster.tls.keyPath") ? "PRIVATE KEY-----" : "-----BEGIN CERTIFICATE-----";
      if (!pem.contains(expected)) {
        throw ServiceConfig.bad(key, "names " + file.toAbsolutePath() + ", which is not PEM with a "
            + (key.equals("cluster.tls.keyPath") ? "private key" : "certificate"));
      }
    }
    eventBus.setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.getString("cluster.tls.certPath"))
            .setKeyPath(config.getString("cluster.tls.keyPath")))
        .setTrustOptions(new PemTrustOptions().addCertPath(config.getString("cluster.tls.caPath")))
        // The event bus's client trusts any server by default (EventBusOptions.DEFAULT_TRUST_ALL): without this a
        // node would send check requests to any process that joined Hazelcast with some certificate.
        .setTrustAll(false)
        .setClientAuth(ClientAuth.REQUIRED);
    log.info("Event bus between nodes encrypted with mutual TLS (certificate {}, trusting {})",
        config.getString("cluster.tls.certPath"), config.getString("cluster.tls.caPath"));
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
