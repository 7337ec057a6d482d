package io.domopreflight.domo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The kinds of address that a Domo API host never has and that an attacker would aim a server-side request at: the
 * machine itself, the private network, link-local and cloud metadata services. {@link #PUBLIC} is everything else.
 */
public enum AddressKind {
  PUBLIC("public"),
  LOOPBACK("loopback"),
  PRIVATE("private"),
  LINK_LOCAL("link-local"),
  UNSPECIFIED("unspecified"),
  MULTICAST("multicast"),
  METADATA("cloud metadata");

  private final String words;

  AddressKind(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }

  public boolean isForbidden() {
    return this != PUBLIC;
  }

  public static AddressKind of(InetAddress address) {
    InetAddress plain = unmapped(address);
    byte[] b = plain.getAddress();
    if (isMetadata(plain, b)) {
      return METADATA;
    }
    if (plain.isAnyLocalAddress() || plain instanceof Inet4Address && (b[0] == 0 || (b[0] & 0xff) == 255)) {
      return UNSPECIFIED;
    }
    if (plain.isLoopbackAddress()) {
      return LOOPBACK;
    }
    if (plain.isLinkLocalAddress()) {
      return LINK_LOCAL;
    }
    if (plain.isMulticastAddress()) {
      return MULTICAST;
    }
    if (plain.isSiteLocalAddress() || plain instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
      // RFC 1918 (10/8, 172.16/12, 192.168/16), the deprecated IPv6 site-local fec0::/10 and unique-local fc00::/7.
      return PRIVATE;
    }
    return PUBLIC;
  }

  private static boolean isMetadata(InetAddress address, byte[] b) {
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      int third = b[2] & 0xff;
      int fourth = b[3] & 0xff;
      // 169.254.169.254 (AWS, GCP, Azure, OpenStack) is link-local too; 100.100.100.200 is Alibaba Cloud's.
      return first == 169 && second == 254 && third == 169 && fourth == 254
          || first == 100 && second == 100 && third == 100 && fourth == 200;
    }
    // fd00:ec2::254, the AWS metadata service over IPv6.
    return address.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
  }

  /** An IPv4 address written as IPv6 ({@code ::ffff:10.0.0.1}) is judged as the IPv4 address it is. */
  private static InetAddress unmapped(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && b.length == 16 && isMappedPrefix(b)) {
      try {
        return InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
      } catch (UnknownHostException impossible) {
        return address;
      }
    }
    return address;
  }

  private static boolean isMappedPrefix(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
