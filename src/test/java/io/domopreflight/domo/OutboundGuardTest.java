package io.domopreflight.domo;

import io.vertx.core.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The outbound guard")
class OutboundGuardTest {

  private static final AllowedHosts ALLOWED = AllowedHosts.of(List.of("api.domo.com", "domo.example.test",
      "http://127.0.0.1", "https://10.1.2.3", "http://[::1]", "http://169.254.169.254", "http://100.100.100.200"));

  @DisplayName("refuses a listed name that resolves to a forbidden address")
  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
      "127.0.0.1, loopback",
      "127.8.9.10, loopback",
      "::1, loopback",
      "10.0.0.5, private",
      "172.16.4.4, private",
      "192.168.1.1, private",
      "fc00::1, private",
      "fd12:3456::1, private",
      "169.254.10.10, link-local",
      "fe80::1, link-local",
      "0.0.0.0, unspecified",
      "::, unspecified",
      "224.0.0.1, multicast",
      "ff02::1, multicast",
      "169.254.169.254, cloud metadata",
      "fd00:ec2::254, cloud metadata",
      "100.100.100.200, cloud metadata",
      "::ffff:10.0.0.1, private",
      "::ffff:127.0.0.1, loopback"})
  void refusesForbiddenAddressesOfAName(String address, String kind) {
    OutboundGuard guard = new OutboundGuard(ALLOWED, resolvingTo(address));

    Future<InetAddress> admitted = guard.admit(ApiHost.parse("https://domo.example.test"));

    assertThat(admitted.failed()).isTrue();
    assertThat(admitted.cause()).isInstanceOf(HostRefusedException.class);
    assertThat(admitted.cause().getMessage()).contains(kind).contains(AllowedHosts.SETTING);
  }

  @Test
  @DisplayName("admits a listed name that resolves to public addresses only, and returns the address to connect to")
  void admitsPublicAddresses() throws Exception {
    OutboundGuard guard = new OutboundGuard(ALLOWED, resolvingTo("52.20.1.2", "2600:1f18::1"));

    Future<InetAddress> admitted = guard.admit(ApiHost.parse("api.domo.com"));

    assertThat(admitted.succeeded()).isTrue();
    assertThat(admitted.result()).isEqualTo(InetAddress.getByName("52.20.1.2"));
  }

  @Test
  @DisplayName("refuses a name when any one of its addresses is forbidden")
  void refusesMixedAnswers() {
    OutboundGuard guard = new OutboundGuard(ALLOWED, resolvingTo("52.20.1.2", "10.0.0.9"));

    assertThat(guard.admit(ApiHost.parse("api.domo.com")).failed()).isTrue();
  }

  @DisplayName("admits a loopback or private IP literal only when that literal is listed")
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://127.0.0.1:8080, true",
      "https://10.1.2.3, true",
      "http://[::1]:9000, true",
      "http://127.0.0.2, false",
      "https://10.1.2.4, false",
      "https://192.168.0.1, false"})
  void admitsListedLiterals(String host, boolean admitted) {
    OutboundGuard guard = new OutboundGuard(ALLOWED, name -> Future.failedFuture("a literal is never resolved"));

    assertThat(guard.admit(ApiHost.parse(host)).succeeded()).isEqualTo(admitted);
  }

  @DisplayName("refuses cloud metadata addresses even when they are listed")
  @ParameterizedTest
  @CsvSource({"http://169.254.169.254", "http://100.100.100.200"})
  void refusesMetadataEvenWhenListed(String host) {
    OutboundGuard guard = new OutboundGuard(ALLOWED, name -> Future.failedFuture("a literal is never resolved"));

    Future<InetAddress> admitted = guard.admit(ApiHost.parse(host));

    assertThat(admitted.failed()).isTrue();
    assertThat(admitted.cause().getMessage()).contains("cloud metadata");
  }

  @Test
  @DisplayName("says a metadata address is never called, rather than suggest listing it, when it is not listed")
  void refusesUnlistedMetadataForWhatItIs() {
    OutboundGuard guard = new OutboundGuard(AllowedHosts.of(List.of("api.domo.com")),
        name -> Future.failedFuture("a literal is never resolved"));

    Future<InetAddress> admitted = guard.admit(ApiHost.parse("http://169.254.169.254"));

    assertThat(admitted.cause()).isInstanceOf(HostRefusedException.class);
    assertThat(admitted.cause().getMessage()).contains("cloud metadata").contains("never called")
        .doesNotContain("add it there");
  }

  @Test
  @DisplayName("refuses a host that is not listed before resolving it")
  void refusesUnlistedHosts() {
    OutboundGuard guard = new OutboundGuard(ALLOWED, name -> {
      throw new AssertionError("an unlisted host must not be resolved");
    });

    Future<InetAddress> admitted = guard.admit(ApiHost.parse("evil.example.com"));

    assertThat(admitted.cause()).isInstanceOf(HostRefusedException.class);
    assertThat(admitted.cause().getMessage()).contains("domo.allowedHosts");
  }

  static HostResolver resolvingTo(String... addresses) {
    return name -> {
      try {
        InetAddress[] all = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
          all[i] = InetAddress.getByName(addresses[i]);
        }
        return Future.succeededFuture(List.of(all));
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    };
  }
}
