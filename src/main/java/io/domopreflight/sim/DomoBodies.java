package io.domopreflight.sim;

import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;

/**
 * The bodies Domo and its nginx gateway answer with when something is wrong, re-typed from the shapes documented in
 * the DataSet API spec and seen in the SDKs' issue trackers.
 */
final class DomoBodies {

  private static final String TOE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private DomoBodies() {
  }

  /** Domo's "thread of execution" id, which support uses to trace a call: {@code [A-Z0-9]{10}-{5}-{5}}. */
  static String toe() {
    return chars(10) + "-" + chars(5) + "-" + chars(5);
  }

  /** The generic Domo error envelope {@code {status, statusReason, message, toe}}. */
  static JsonObject envelope(int status, String reason, String message) {
    return new JsonObject().put("status", status).put("statusReason", reason).put("message", message)
        .put("toe", toe());
  }

  /** The gateway's answer to a missing or malformed Authorization header; its reason is wrong on purpose. */
  static JsonObject unauthorized(String path) {
    return new JsonObject()
        .put("status", 401)
        .put("statusReason", "Internal Server Error")
        .put("path", path)
        .put("message", "com.domo.bedrock.service.exception.UnauthorizedException: Full authentication is required to"
            + " access this resource")
        .put("toe", toe());
  }

  static JsonObject oauthError(String error, String description) {
    return new JsonObject().put("error", error).put("error_description", description);
  }

  static JsonObject insufficientScope(String scope) {
    return oauthError("insufficient_scope", "Insufficient scope for this resource").put("scope", scope);
  }

  static String nginxPage(int status) {
    String title = status + " " + switch (status) {
      case 502 -> "Bad Gateway";
      case 503 -> "Service Temporarily Unavailable";
      case 504 -> "Gateway Time-out";
      default -> "Internal Server Error";
    };
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  /** What the instance host serves where a client expected the API host: a web page, with status 200. */
  static String instancePage(String customer) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Domo</title></head>\n"
        + "<body><div id=\"root\" data-instance=\"" + customer + ".domo.com\">Loading Domo...</div>\n"
        + "<script src=\"/assets/app.js\"></script></body>\n</html>\n";
  }

  private static String chars(int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append(TOE_ALPHABET.charAt(RANDOM.nextInt(TOE_ALPHABET.length())));
    }
    return out.toString();
  }
}
