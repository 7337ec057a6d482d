package io.domopreflight.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The configuration")
class ServiceConfigTest {

  @Test
  @DisplayName("names one environment variable per key")
  void namesEnvironmentVariables() {
    assertThat(ServiceConfig.environmentName("http.port")).isEqualTo("PREFLIGHT_HTTP_PORT");
    assertThat(ServiceConfig.environmentName("domo.allowedHosts")).isEqualTo("PREFLIGHT_DOMO_ALLOWED_HOSTS");
    assertThat(ServiceConfig.environmentName("check.card-dashboard.timeoutMs"))
        .isEqualTo("PREFLIGHT_CHECK_CARD_DASHBOARD_TIMEOUT_MS");
  }

  @Test
  @DisplayName("lets the environment override numbers, lists and per-check timeouts")
  void appliesEnvironmentOverrides() {
    JsonObject config = ServiceConfig.withEnvironment(ServiceConfig.DEFAULTS.copy(), Map.of(
        "PREFLIGHT_HTTP_PORT", "9090",
        "PREFLIGHT_DOMO_ALLOWED_HOSTS", "api.domo.com, http://127.0.0.1",
        "PREFLIGHT_CHECK_DATASETS_TIMEOUT_MS", "2500"));

    assertThat(config.getInteger("http.port")).isEqualTo(9090);
    assertThat(config.getJsonArray("domo.allowedHosts")).containsExactly("api.domo.com", "http://127.0.0.1");
    assertThat(ServiceConfig.runSettings(config).checkTimeoutsMs()).containsEntry("datasets", 2500L);
  }

  @Test
  @DisplayName("refuses a number that is not one, naming the variable")
  void refusesBadNumbers() {
    assertThatThrownBy(() -> ServiceConfig.withEnvironment(ServiceConfig.DEFAULTS.copy(),
        Map.of("PREFLIGHT_HTTP_PORT", "eighty"))).hasMessageContaining("PREFLIGHT_HTTP_PORT");
  }

  @Test
  @DisplayName("refuses a port out of range or an allowlist entry that is not a host, naming the variable")
  void refusesUnusableSettings() {
    assertThatThrownBy(() -> ServiceConfig.validated(ServiceConfig.withEnvironment(ServiceConfig.DEFAULTS.copy(),
        Map.of("PREFLIGHT_HTTP_PORT", "-1")))).hasMessageContaining("PREFLIGHT_HTTP_PORT");
    assertThatThrownBy(() -> ServiceConfig.validated(ServiceConfig.withEnvironment(ServiceConfig.DEFAULTS.copy(),
        Map.of("PREFLIGHT_DOMO_ALLOWED_HOSTS", "ht!tp://x y")))).hasMessageContaining("PREFLIGHT_DOMO_ALLOWED_HOSTS");
    assertThat(ServiceConfig.validated(ServiceConfig.defaults())).isNotNull();
  }

  @Test
  @DisplayName("refuses TLS on the cluster's event bus with only some of its files, naming the first one missing")
  void refusesPartialClusterTls() {
    assertThatThrownBy(() -> ServiceConfig.validated(ServiceConfig.withEnvironment(ServiceConfig.DEFAULTS.copy(),
        Map.of("PREFLIGHT_CLUSTER_TLS_CERT_PATH", "node.pem", "PREFLIGHT_CLUSTER_TLS_KEY_PATH", "node-key.pem"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("setting cluster.tls.caPath (PREFLIGHT_CLUSTER_TLS_CA_PATH) must be set");
    assertThatThrownBy(() -> ServiceConfig.validated(ServiceConfig.defaults().put("cluster.tls.caPath", "ca.pem")))
        .hasMessageStartingWith("setting cluster.tls.certPath (PREFLIGHT_CLUSTER_TLS_CERT_PATH) must be set");

    assertThat(ServiceConfig.clusterTls(ServiceConfig.validated(ServiceConfig.defaults()))).isFalse();
    assertThat(ServiceConfig.clusterTls(ServiceConfig.validated(ServiceConfig.withEnvironment(ServiceConfig.defaults(),
        Map.of("PREFLIGHT_CLUSTER_TLS_CERT_PATH", "node.pem", "PREFLIGHT_CLUSTER_TLS_KEY_PATH", "node-key.pem",
            "PREFLIGHT_CLUSTER_TLS_CA_PATH", "ca.pem"))))).isTrue();
  }

  @Test
  @DisplayName("refuses to join a cluster when a TLS file cannot be read or is not PEM, naming its setting")
  void refusesUnreadableClusterTlsFiles(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("node.pem"), "-----BEGIN CERTIFICATE-----\n");
    JsonObject config = ServiceConfig.defaults().put("cluster.tls.certPath", cert.toString())
        .put("cluster.tls.keyPath", dir.resolve("missing-key.pem").toString())
        .put("cluster.tls.caPath", cert.toString());

    // Refused before anything joins, so no Hazelcast member is started here.
    assertThatThrownBy(() -> ClusteredVertx.start(config).await(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setting cluster.tls.keyPath (PREFLIGHT_CLUSTER_TLS_KEY_PATH)")
        .hasMessageContaining("missing-key.pem");
    config.put("cluster.tls.keyPath", cert.toString());
    assertThatThrownBy(() -> ClusteredVertx.start(config).await(10, TimeUnit.SECONDS))
        .hasMessageContaining("setting cluster.tls.keyPath (PREFLIGHT_CLUSTER_TLS_KEY_PATH)")
        .hasMessageEndingWith("which is not PEM with a private key");
  }
}
