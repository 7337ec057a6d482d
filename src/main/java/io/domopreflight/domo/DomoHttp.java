package io.domopreflight.domo;

import io.domopreflight.domo.DomoCallException.Kind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import io.vertx.core.net.SocketAddress;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with Domo under a hard deadline and a body cap.
 *
 * <p>NOTE: this uses the core HTTP client rather than the Web Client because an exchange must be cancelled when its
 * deadline passes and reading must stop at the cap; only the core request's {@code reset()} closes the stream then.
 *
 * <p>Every exchange connects to the address the {@link OutboundGuard} admitted, while the Host header, TLS SNI and
 * certificate checks use the host name: Vert.x takes those from {@code RequestOptions.host} and the socket from
 * {@code RequestOptions.server}, and {@code forceSni} makes it send SNI even though the socket is an IP.
 */
final class DomoHttp {

  static final int KEEP_ALIVE_SECONDS = 30;

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final int maxBodyBytes;
  private final OutboundGuard guard;

  DomoHttp(Vertx vertx, int maxBodyBytes, OutboundGuard guard, int maxConnections) {
    this.vertx = vertx;
    this.maxBodyBytes = maxBodyBytes;
    this.guard = guard;
    this.client = vertx.createHttpClient(
        // An idle connection is dropped after KEEP_ALIVE_SECONDS, before load balancers in front of an API commonly
        // drop theirs (60 s and up): a call sent on a connection the far end is closing fails or stalls.
        new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(KEEP_ALIVE_SECONDS).setMaxRedirects(0)
            .setForceSni(true).setVerifyHost(true),
        new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(maxConnections));
  }

  /** Sends the call and reads the answer, or fails with {@link DomoCallException} by the deadline at the latest. */
  Future<DomoResponse> exchange(ApiHost host, DomoCall call, String authorization, Deadline deadline) {
    long remaining = deadline.remainingMs();
    if (remaining <= 0) {
      return Future.failedFuture(timeout(call));
    }
    Promise<DomoResponse> answer = Promise.promise();
    Exchange exchange = new Exchange(call, answer);
    // NOTE: the deadline fires on an event loop; the very first exchange of a JVM loads the HTTP client's classes on
    // one and can overshoot a short deadline by a second or so (measured on 2 cores). Later exchanges keep to it.
    long timer = vertx.setTimer(remaining, t -> exchange.fail(timeout(call)));

    guard.admit(host)
        .compose(address -> client.request(options(host, address, call, authorization, remaining)))
        .compose(request -> exchange.send(request))
        .onSuccess(exchange::read)
        .onFailure(err -> exchange.fail(classify(call, err)));

    return answer.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  Future<Void> close() {
    return client.close();
  }

  private static RequestOptions options(ApiHost host, InetAddress address, DomoCall call, String authorization,
                                        long remaining) {
    RequestOptions options = new RequestOptions()
        .setMethod(call.method())
        .setServer(SocketAddress.inetSocketAddress(host.effectivePort(), address.getHostAddress()))
        .setHost(host.host())
        .setPort(host.effectivePort())
        .setSsl(host.isHttps())
        .setURI(call.pathAndQuery())
        .setFollowRedirects(false)
        .setConnectTimeout(remaining)
        .setIdleTimeout(remaining)
        .putHeader("Accept", "application/json")
        .putHeader("User-Agent", "domo-preflight");
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    if (call.contentType() != null) {
      options.putHeader("Content-Type", call.contentType());
    }
    return options;
  }

  private static DomoCallException timeout(DomoCall call) {
    return new DomoCallException(Kind.TIMEOUT, call.endpoint() + " did not answer in time");
  }

  private static DomoCallException classify(DomoCall call, Throwable err) {
    if (err instanceof DomoCallException known) {
      return known;
    }
    String on = call.endpoint();
    if (err instanceof HostRefusedException refused) {
      return new DomoCallException(Kind.NOT_ALLOWED, refused.getMessage());
    }
    if (err instanceof TimeoutException) {
      return timeout(call);
    }
    if (err instanceof UnknownHostException || hasCause(err, UnknownHostException.class)) {
      return new DomoCallException(Kind.UNKNOWN_HOST, on + ": the API host name does not resolve");
    }
    if (err instanceof ConnectException || hasCause(err, ConnectException.class)) {
      return new DomoCallException(Kind.REFUSED, on + ": the connection was refused");
    }
    if (err instanceof SSLException || hasCause(err, SSLException.class)) {
      return new DomoCallException(Kind.TLS, on + ": the TLS handshake failed (the server's certificate is not "
          + "trusted or does not match the host)");
    }
    return new DomoCallException(Kind.RESET, on + ": the connection closed before a complete answer");
  }

  private static boolean hasCause(Throwable err, Class<? extends Throwable> type) {
    for (Throwable t = err.getCause(); t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The state of one exchange: the request to reset when the deadline or the cap ends it early. */
  private final class Exchange {
    private final DomoCall call;
    private final Promise<DomoResponse> answer;
    private final Buffer body = Buffer.buffer();
    private HttpClientRequest request;
    private boolean truncated;

    Exchange(DomoCall call, Promise<DomoResponse> answer) {
      this.call = call;
      this.answer = answer;
    }

    Future<HttpClientResponse> send(HttpClientRequest request) {
      this.request = request;
      if (answer.future().isComplete()) {
        request.reset();
        return Future.failedFuture(timeout(call));
      }
      return call.body() == null ? request.send() : request.send(call.body());
    }

    void read(HttpClientResponse response) {
      response.exceptionHandler(err -> fail(classify(call, err)));
      response.handler(chunk -> {
        int cap = call.maxBodyBytes() > 0 ? Math.min(call.maxBodyBytes(), maxBodyBytes) : maxBodyBytes;
        int room = cap - body.length();
        if (chunk.length() <= room) {
          body.appendBuffer(chunk);
          return;
        }
        // Read no further than the cap: keep what fits and drop the connection.
        body.appendBuffer(chunk, 0, Math.max(room, 0));
        truncated = true;
        complete(response);
        request.reset();
      });
      response.endHandler(v -> complete(response));
    }

    void complete(HttpClientResponse response) {
      answer.tryComplete(new DomoResponse(response.statusCode(), response.getHeader("Content-Type"),
          body.toString(), truncated, response.getHeader("Retry-After"), response.getHeader("WWW-Authenticate")));
    }

    void fail(DomoCallException failure) {
      if (answer.tryFail(failure) && request != null) {
        request.reset();
      }
    }
  }
}
