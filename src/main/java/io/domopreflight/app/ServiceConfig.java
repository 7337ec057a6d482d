package io.domopreflight.app;

import io.domopreflight.check.CheckSpec;
import io.domopreflight.domo.AllowedHosts;
import io.domopreflight.domo.ApiHost;
import io.domopreflight.run.RunSettings;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's configuration: built-in defaults, then {@code conf/config.json} (or the file given), then one
 * environment variable per key, named {@code PREFLIGHT_} + the key in upper snake case ({@code http.port} ->
 * {@code PREFLIGHT_HTTP_PORT}, {@code domo.allowedHosts} -> {@code PREFLIGHT_DOMO_ALLOWED_HOSTS}, comma-separated
 * for lists). Keys are flat and dotted so that each maps to exactly one variable.
 */
public final class ServiceConfig {

  public static final String DEFAULT_FILE = "conf/config.json";

  /** Every key with its default; the README's configuration table lists the same. */
  static final JsonObject DEFAULTS = new JsonObject()
      .put("http.host", "0.0.0.0")
      .put("http.port", 8080)
      .put("http.maxBodyBytes", 65_536)
      .put("http.instances", 0)
      .put("http.corsOrigins", new JsonArray())
      .put("http.serverNames", new JsonArray())
      .put("http.retryAfterSeconds", 5)
      .put("http.bodyTimeoutSeconds", 10)
      .put("http.idleTimeoutSeconds", 75)
      .put("auth.apiKeys", new JsonArray())
      .put("auth.requestsPerMinute", 600)
      .put("domo.defaultApiHost", "api.domo.com")
      .put("domo.allowedHosts", new JsonArray().add("api.domo.com"))
      .put("domo.maxBodyBytes", 1_048_576)
      .put("check.timeoutMs", 10_000)
      .put("check.instances", 0)
      .put("run.deadlineMs", 30_000)
      .put("run.maxInFlight", 256)
      .put("runs.retentionSeconds", 3600)
      .put("runs.maxRetained", 5_000)
      .put("sse.heartbeatSeconds", 15)
      .put("sse.maxClients", 1000)
      .put("sse.maxBufferedBytes", 262_144)
      .put("metrics.enabled", true)
      .put("shutdown.graceSeconds", 30)
      .put("cluster.name", "domo-preflight")
      .put("cluster.members", "127.0.0.1")
      .put("cluster.host", "127.0.0.1")
      .put("cluster.port", 5701)
      .put("cluster.eventBusPort", 0)
      .put("cluster.failureDetectionSeconds", 5)
      .put("cluster.sweepSeconds", 5);

  /** Keys without a default, read as text when their variable is set. */
  static final List<String> OPTIONAL_TEXT = List.of("cluster.publicHost", "cluster.config", "cluster.tls.certPath",
      "cluster.tls.keyPath", "cluster.tls.caPath");

  /** The PEM files of mutual TLS on the clustered event bus: this node's certificate, its key, and whom to trust. */
  static final List<String> CLUSTER_TLS = List.of("cluster.tls.certPath", "cluster.tls.keyPath", "cluster.tls.caPath");

  private ServiceConfig() {
  }

  /** Reads defaults, the file (optional when it is the default path) and the environment, once. */
  public static Future<JsonObject> load(Vertx vertx, String file, Map<String, String> environment) {
    String path = file != null ? file : DEFAULT_FILE;
    ConfigStoreOptions defaults = new ConfigStoreOptions().setType("json").setConfig(DEFAULTS.copy());
    ConfigStoreOptions fromFile = new ConfigStoreOptions().setType("file").setFormat("json")
        .setOptional(file == null).setConfig(new JsonObject().put("path", path));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setScanPeriod(0)
        .setIncludeDefaultStores(false).addStore(defaults).addStore(fromFile));

    return retriever.getConfig()
        .recover(unreadable -> vertx.<JsonObject>executeBlocking(() -> {
          // vertx-config's own message quotes the parser, and with it the file; say what is wrong in our words.
          JsonFile.readObject(path, "configuration file");
          throw new IllegalArgumentException("cannot read the configuration file " + path);
        }))
        .map(config -> validated(withEnvironment(config, environment)))
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        });
  }

  /**
   * The built-in defaults, for embedding the engine in another application:
   * {@code Service.deployEngine(vertx, ServiceConfig.defaults().put("domo.allowedHosts", ...))}.
   */
  public static JsonObject defaults() {
    return DEFAULTS.copy();
  }

  /**
   * Refuses settings the service cannot run with, naming the key and its variable, so that a typo stops start-up
   * with one clear line instead of a stack trace later.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  static JsonObject validated(JsonObject config) {
    for (String key : List.of("http.port", "cluster.port", "cluster.eventBusPort")) {
      long port = number(config, key);
      if (port < 0 || port > 65_535) {
        throw bad(key, "must be a port from 0 to 65535, not " + port);
      }
    }
    for (String key : List.of("check.timeoutMs", "run.deadlineMs", "run.maxInFlight", "runs.retentionSeconds",
        "runs.maxRetained", "http.maxBodyBytes", "http.bodyTimeoutSeconds", "http.idleTimeoutSeconds",
        "domo.maxBodyBytes", "sse.maxClients", "sse.maxBufferedBytes")) {
      if (number(config, key) <= 0) {
        throw bad(key, "must be greater than 0, not " + config.getValue(key));
      }
    }
    for (Object entry : config.getJsonArray("domo.allowedHosts", new JsonArray())) {
      try {
        ApiHost.parse(String.valueOf(entry));
      } catch (IllegalArgumentException e) {
        throw bad("domo.allowedHosts", "has an entry '" + entry + "' that " + e.getMessage());
      }
    }
    clusterTls(config);
    return config;
  }

  /**
   * Whether the clustered event bus is to use mutual TLS: all of {@link #CLUSTER_TLS} set, or none.
   *
   * @throws IllegalArgumentException naming a missing key when only some are set, since a node that quietly fell back
   *     to plain TCP would send secrets in clear
   */
  static boolean clusterTls(JsonObject config) {
    List<String> missing = CLUSTER_TLS.stream()
        .filter(key -> String.valueOf(config.getValue(key, "")).isBlank()).toList();
    if (missing.isEmpty() || missing.size() == CLUSTER_TLS.size()) {
      return missing.isEmpty();
    }
    throw bad(missing.get(0), "must be set too: TLS on the cluster's event bus needs " + String.join(", ", CLUSTER_TLS)
        + " (PEM files), or none of them");
  }

  private static long number(JsonObject config, String key) {
    Object value = config.getValue(key);
    if (value != null && !(value instanceof Number)) {
      throw bad(key, "must be a number, not '" + value + "'");
    }
    return value == null ? 1 : ((Number) value).longValue();
  }

  static IllegalArgumentException bad(String key, String problem) {
    return new IllegalArgumentException("setting " + key + " (" + environmentName(key) + ") " + problem);
  }

  /** {@code check.card-dashboard.timeoutMs} -> {@code PREFLIGHT_CHECK_CARD_DASHBOARD_TIMEOUT_MS}. */
  public static String environmentName(String key) {
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_');
    return "PREFLIGHT_" + snake.toUpperCase(Locale.ROOT);
  }

  static JsonObject withEnvironment(JsonObject config, Map<String, String> environment) {
    JsonObject result = config.copy();
    for (String key : keys(config)) {
      String value = environment.get(environmentName(key));
      if (value != null) {
        Object example = OPTIONAL_TEXT.contains(key) ? "" : DEFAULTS.getValue(key, config.getValue(key));
        result.put(key, convert(key, value, example));
      }
    }
    return result;
  }

  private static List<String> keys(JsonObject config) {
    List<String> keys = new java.util.ArrayList<>(config.fieldNames());
    keys.addAll(DEFAULTS.fieldNames());
    CheckSpec.ids().forEach(id -> keys.add("check." + id + ".timeoutMs"));
    keys.addAll(OPTIONAL_TEXT);
    return keys.stream().distinct().toList();
  }

  private static Object convert(String key, String value, Object example) {
    if (example instanceof JsonArray) {
      return new JsonArray(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    if (example instanceof String) {
      return value;
    }
    if (example instanceof Boolean) {
      String flag = value.trim().toLowerCase(Locale.ROOT);
      if (!flag.equals("true") && !flag.equals("false")) {
        throw new IllegalArgumentException(environmentName(key) + " must be true or false, not '" + value + "'");
      }
      return Boolean.parseBoolean(flag);
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(environmentName(key) + " must be a whole number, not '" + value + "'");
    }
  }

  /** The coordinator's settings from the configuration. */
  public static RunSettings runSettings(JsonObject config) {
    Map<String, Long> timeouts = new HashMap<>();
    for (String id : CheckSpec.ids()) {
      Long timeout = config.getLong("check." + id + ".timeoutMs");
      if (timeout != null) {
        timeouts.put(id, timeout);
      }
    }
    List<String> hosts = config.getJsonArray("domo.allowedHosts").stream().map(String::valueOf).toList();
    return new RunSettings(config.getString("domo.defaultApiHost"), AllowedHosts.of(hosts), timeouts,
        config.getLong("check.timeoutMs"), config.getLong("run.deadlineMs"),
        config.getLong("runs.retentionSeconds") * 1000,
        config.getInteger("runs.maxRetained", DEFAULTS.getInteger("runs.maxRetained")),
        config.getInteger("run.maxInFlight"));
  }
}
