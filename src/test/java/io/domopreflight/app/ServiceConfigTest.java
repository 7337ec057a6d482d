package io.domopreflight.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

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
}
