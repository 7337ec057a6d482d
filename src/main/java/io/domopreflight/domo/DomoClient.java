package io.domopreflight.domo;

import io.domopreflight.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Domo's Platform API as the checks need it: client-credentials tokens (cached), bearer calls that renew a refused
 * token once, wait out a {@code 429} while the deadline allows and retry a {@code 5xx} once. Every call is a read,
 * so repeating one is safe.
 */
public final class DomoClient {

  /** Both scopes the checks need: {@code data} for the DataSet API, {@code dashboard} for the Page API. */
  public static final String SCOPES = "data dashboard";
  static final String TOKEN_PATH = "/oauth/token";
  private static final long DEFAULT_RETRY_AFTER_MS = 1000;
  private static final long SERVER_ERROR_PAUSE_MS = 100;
  private static final int MAX_RATE_LIMIT_WAITS = 5;
  /** Five calls at once for each of the 256 runs a node coordinates by default. */
  public static final int DEFAULT_MAX_CONNECTIONS = 5 * 256;

  private final Vertx vertx;
  private final DomoHttp http;
  private final TokenCache tokens = new TokenCache();
  private final Meters meters;

  /** A client with room for {@link #DEFAULT_MAX_CONNECTIONS} connections to one Domo host. */
  public DomoClient(Vertx vertx, int maxBodyBytes, OutboundGuard guard) {
    this(vertx, maxBodyBytes, guard, DEFAULT_MAX_CONNECTIONS);
  }

  /**
   * @param guard          decides which hosts and addresses calls may reach: see {@link OutboundGuard}
   * @param maxConnections connections to one Domo host at once; sized so that calls never queue behind each other,
   *                       or a slow Domo answer of one run would eat the deadline of another run's call
   */
  public DomoClient(Vertx vertx, int maxBodyBytes, OutboundGuard guard, int maxConnections) {
    this.vertx = vertx;
    this.http = new DomoHttp(vertx, maxBodyBytes, guard, maxConnections);
    this.meters = Meters.of(vertx);
  }

  /**
   * A token for the credentials: from the cache when a fresh one is there, else from Domo.
   *
   * @return the grant, or a failure: {@link TokenRefusedException} when Domo answered without a token,
   *     {@link DomoCallException} when it did not answer
   */
  public Future<TokenGrant> token(Credentials credentials, Deadline deadline) {
    TokenGrant cached = tokens.cached(credentials);
    meters.tokenLookup(cached != null);
    return cached != null ? Future.succeededFuture(cached) : renew(credentials, deadline);
  }

  /** Whether {@link #token} would answer from the cache. */
  public boolean hasCachedToken(Credentials credentials) {
    return tokens.cached(credentials) != null;
  }

  /** A new token from Domo, whatever the cache holds. */
  public Future<TokenGrant> renew(Credentials credentials, Deadline deadline) {
    return tokens.fetch(credentials, () -> requestToken(credentials, deadline).map(response -> {
      TokenGrant grant = response.isSuccess() ? TokenGrant.fromJson(response.json()) : null;
      if (grant == null) {
        throw new TokenRefusedException(response);
      }
      return grant;
    }));
  }

  /**
   * Calls Domo with the token. When Domo refuses the token with a {@code 401}, renews it once and calls again; a
   * second refusal is returned as is, so a bad token never loops.
   */
  public Future<DomoResponse> call(Credentials credentials, TokenGrant grant, DomoCall call, Deadline deadline) {
    return send(credentials.apiHost(), call, bearer(grant), deadline).compose(response -> {
      if (!refusesToken(response)) {
        return Future.succeededFuture(response);
      }
      tokens.invalidate(credentials, grant.accessToken());
      // Calls running side by side all see the same token refused; the first renewal serves them all.
      TokenGrant newer = tokens.cached(credentials);
      Future<TokenGrant> next = newer != null && !newer.accessToken().equals(grant.accessToken())
          ? Future.succeededFuture(newer) : renew(credentials, deadline);
      return next
          .compose(renewed -> send(credentials.apiHost(), call, bearer(renewed), deadline)
              // Refused again: the renewed token is not kept either, so the next run asks for a new one.
              .onSuccess(again -> {
                if (refusesToken(again)) {
                  tokens.invalidate(credentials, renewed.accessToken());
                }
              }))
          .recover(renewFailed -> Future.succeededFuture(response));
    });
  }

  /** A 401 that refuses the token (expired, revoked); a missing scope is not cured by a new token. */
  private static boolean refusesToken(DomoResponse response) {
    return response.status() == 401 && !response.bodyLowerCase().contains("insufficient_scope");
  }

  public Future<Void> close() {
    return http.close();
  }

  private Future<DomoResponse> requestToken(Credentials credentials, Deadline deadline) {
    String basic = Base64.getEncoder().encodeToString(
        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
    DomoCall call = DomoCall.postForm(TOKEN_PATH, "grant_type=client_credentials&scope=data%20dashboard",
        "POST " + TOKEN_PATH);
    return send(credentials.apiHost(), call, "Basic " + basic, deadline);
  }

  /** One call with the retries every read deserves: a 429 waited out within the deadline, a 5xx repeated once. */
  private Future<DomoResponse> send(ApiHost host, DomoCall call, String authorization, Deadline deadline) {
    return attempt(host, call, authorization, deadline, 0, false);
  }

  private Future<DomoResponse> attempt(ApiHost host, DomoCall call, String authorization, Deadline deadline,
                                       int rateLimitWaits, boolean serverErrorRetried) {
    return counted(host, call, authorization, deadline).compose(response -> {
      if (response.status() == 429 && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
        long wait = retryAfterMs(response.retryAfter());
        // Waiting only makes sense when there is time left to make the call again afterwards.
        if (wait < deadline.remainingMs()) {
          return pause(wait).compose(v -> attempt(host, call, authorization, deadline, rateLimitWaits + 1,
              serverErrorRetried));
        }
      }
      if (response.isServerError() && !serverErrorRetried && deadline.remainingMs() > SERVER_ERROR_PAUSE_MS) {
        return pause(SERVER_ERROR_PAUSE_MS).compose(v -> attempt(host, call, authorization, deadline,
            rateLimitWaits, true));
      }
      return Future.succeededFuture(response);
    });
  }

  /** One exchange, counted by endpoint and status, or by failure kind when Domo gave no answer. */
  private Future<DomoResponse> counted(ApiHost host, DomoCall call, String authorization, Deadline deadline) {
    return http.exchange(host, call, authorization, deadline)
        .onComplete(answer -> meters.domoCall(call.endpoint(), answer.succeeded()
            ? String.valueOf(answer.result().status()) : failureKind(answer.cause())));
  }

  private static String failureKind(Throwable failure) {
    return failure instanceof DomoCallException call ? call.kind().name().toLowerCase(Locale.ROOT) : "other";
  }

  private Future<Void> pause(long millis) {
    return millis <= 0 ? Future.succeededFuture() : vertx.timer(millis).mapEmpty();
  }

  /** {@code Retry-After} as delta-seconds or an HTTP-date; a missing or unreadable value means one second. */
  static long retryAfterMs(String header) {
    if (header == null || header.isBlank()) {
      return DEFAULT_RETRY_AFTER_MS;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim()) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
      } catch (DateTimeParseException notDate) {
        return DEFAULT_RETRY_AFTER_MS;
      }
    }
  }

  private static String bearer(TokenGrant grant) {
    return "bearer " + grant.accessToken();
  }
}
