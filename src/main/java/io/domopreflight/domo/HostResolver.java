package io.domopreflight.domo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.util.List;

/**
 * Turns a host name into the addresses to connect to. The outbound guard checks exactly what this returns and the
 * client connects to exactly that, so a name cannot resolve to one address at the check and another at the connect.
 */
@FunctionalInterface
public interface HostResolver {

  /** @return every address of the host, or a failure wrapping {@link java.net.UnknownHostException} */
  Future<List<InetAddress>> resolve(String host);

  /** The JVM's resolver, run on a worker thread because {@link InetAddress#getAllByName} blocks. */
  static HostResolver system(Vertx vertx) {
    // NOTE: the JVM caches answers (networkaddress.cache.ttl); an address is checked each time it is used anyway.
    return host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
  }
}
