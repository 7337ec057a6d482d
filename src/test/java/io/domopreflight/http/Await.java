package io.domopreflight.http;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Parks a test thread on a future, with a bound so that a broken test fails instead of hanging. */
final class Await {

  static final long SECONDS = 10;

  private Await() {
  }

  static <T> T result(Future<T> future) {
    try {
      return future.await(SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException late) {
      throw new AssertionError("Nothing happened within " + SECONDS + " s", late);
    }
  }
}
