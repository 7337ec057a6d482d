package io.domopreflight.domo;

import io.netty.util.NetUtil;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.util.List;

/**
 * Decides which address a call to Domo may connect to: the host must be on {@code domo.allowedHosts}, and every
 * address it resolves to must be public, unless the host is itself a listed IP literal.
 *
 * <p>The rule, so that a user can predict it: a host NAME never reaches a loopback, private, link-local, unspecified,
 * multicast or metadata address, even when the name is listed, because names can be re-pointed by whoever controls
 * their DNS. To reach such an address on purpose (a simulator, an internal proxy), list the IP literal itself, for
 * example {@code http://127.0.0.1} or {@code https://10.0.0.7}, and use that literal as the API host. Cloud metadata
 * addresses are refused even then: no Domo API lives there.
 *
 * <p>The address returned is the one to connect to, so what was checked is what is reached (no DNS rebinding).
 */
public final class OutboundGuard {

  private final AllowedHosts allowed;
  private final HostResolver resolver;

  public OutboundGuard(AllowedHosts allowed, HostResolver resolver) {
    this.allowed = allowed;
    this.resolver = resolver;
  }

  /**
   * @return the address to connect to, or a failure: {@link HostRefusedException} when the host or one of its
   *     addresses is refused, the resolver's failure when the name does not resolve
   */
  public Future<InetAddress> admit(ApiHost host) {
    InetAddress literal = literal(host.host());
    // Said first: telling the user to list a metadata address would only lead to the same refusal.
    if (literal != null && AddressKind.of(literal) == AddressKind.METADATA) {
      return Future.failedFuture(new HostRefusedException(refusal(host, literal, AddressKind.METADATA, true)));
    }
    if (!allowed.allows(host)) {
      return Future.failedFuture(new HostRefusedException(host.baseUrl() + " is not allowed by the setting "
          + AllowedHosts.SETTING + " (allowed: " + allowed + "); add it there if it is a Domo API host you trust"));
    }
    Future<List<InetAddress>> addresses = literal != null
        ? Future.succeededFuture(List.of(literal))
        : resolver.resolve(host.host());
    return addresses.compose(list -> choose(host, literal != null, list));
  }

  private static Future<InetAddress> choose(ApiHost host, boolean listedLiteral, List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      return Future.failedFuture(new java.net.UnknownHostException(host.host()));
    }
    // Every address is judged, not only the first: a name that mixes public and private answers is refused whole.
    for (InetAddress address : addresses) {
      AddressKind kind = AddressKind.of(address);
      if (kind == AddressKind.METADATA || kind.isForbidden() && !listedLiteral) {
        return Future.failedFuture(new HostRefusedException(refusal(host, address, kind, listedLiteral)));
      }
    }
    return Future.succeededFuture(addresses.get(0));
  }

  private static String refusal(ApiHost host, InetAddress address, AddressKind kind, boolean literal) {
    if (kind == AddressKind.METADATA) {
      return host.host() + " is the " + kind.words() + " address " + address.getHostAddress()
          + ", which is never called, whatever the setting " + AllowedHosts.SETTING + " says";
    }
    return host.host() + (literal ? " is" : " resolves to") + " the " + kind.words() + " address "
        + address.getHostAddress() + "; the setting " + AllowedHosts.SETTING + " lets a host name reach only public "
        + "addresses (list the IP literal itself to allow it)";
  }

  /** The address when the host is written as an IP literal ({@code 127.0.0.1}, {@code [::1]}), else null. */
  static InetAddress literal(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)
        ? NetUtil.createInetAddressFromIpAddressString(bare) : null;
  }
}
