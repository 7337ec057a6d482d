package io.domopreflight.domo;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Access tokens per API host, client id and secret fingerprint, kept while they are fresh. Concurrent requests for
 * the same credentials share one token request.
 */
final class TokenCache {

  private final Map<String, TokenGrant> grants = new ConcurrentHashMap<>();
  private final Map<String, Future<TokenGrant>> inFlight = new ConcurrentHashMap<>();

  /** A fresh cached grant, or null. */
  TokenGrant cached(Credentials credentials) {
    TokenGrant grant = grants.get(credentials.cacheKey());
    if (grant != null && !grant.isFresh()) {
      grants.remove(credentials.cacheKey(), grant);
      return null;
    }
    return grant;
  }

  /** Joins a token request already under way for these credentials, or starts one. */
  Future<TokenGrant> fetch(Credentials credentials, Supplier<Future<TokenGrant>> request) {
    String key = credentials.cacheKey();
    // Checks run on several event loops at once: claiming the slot and starting the request must be one step.
    Promise<TokenGrant> mine = Promise.promise();
    Future<TokenGrant> running = inFlight.putIfAbsent(key, mine.future());
    if (running != null) {
      return running;
    }
    Future<TokenGrant> started;
    try {
      started = request.get();
    } catch (RuntimeException e) {
      // The slot is claimed: a request that cannot even start must still free it, or later fetches would wait on it.
      started = Future.failedFuture(e);
    }
    started
        .onSuccess(grant -> grants.put(key, grant))
        .onComplete(done -> {
          inFlight.remove(key, mine.future());
          mine.handle(done);
        });
    return mine.future();
  }

  /** Forgets a grant Domo refused, unless a newer one has already replaced it. */
  void invalidate(Credentials credentials, String refusedToken) {
    grants.computeIfPresent(credentials.cacheKey(),
        (key, grant) -> grant.accessToken().equals(refusedToken) ? null : grant);
  }

  int size() {
    return grants.size();
  }
}
