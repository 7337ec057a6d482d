package io.domopreflight.http;

import io.domopreflight.metrics.Meters;
import io.domopreflight.run.RunStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP surface: the preflight API, its event streams and the page. It starts runs over the event bus and reads
 * them from the run store, so any node of a cluster can serve any run.
 *
 * <p>Configuration (flat keys of {@link #config()}): see {@link HttpConfig}.
 */
public class HttpApiVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(HttpApiVerticle.class);
  private static final long STREAMS_FLUSH_SECONDS = 5;
  private static final String BODY_TIMER = "preflight.bodyTimer";

  private HttpConfig config;
  private HttpServer server;
  private Health health;
  private Router router;
  /** The methods each known path supports, as its {@code Allow} header, by a pattern of the path. */
  private final Map<Pattern, String> allowedByPath = new LinkedHashMap<>();
  private final AtomicInteger openStreams;
  /** Whether this instance logs for the node: the first of its deployment. */
  private boolean announces;

  /** For a node whose engine is deployed already. */
  public HttpApiVerticle() {
    this(null);
  }

  /**
   * @param health what {@code /health/*} report and whether new runs are taken; the caller marks the engine deployed
   */
  public HttpApiVerticle(Health health) {
    this(health, new AtomicInteger());
  }

  /** @param openStreams the node's event streams, shared by its instances so {@code sse.maxClients} is per node */
  public HttpApiVerticle(Health health, AtomicInteger openStreams) {
    this.health = health;
    this.openStreams = openStreams;
  }

  @Override
  public Future<?> start() {
    config = HttpConfig.from(config());
    // One instance per core shares the port; the node says what it serves once, not once per instance.
    announces = vertx.sharedData().getLocalMap("preflight.http.announced")
        .putIfAbsent(context.deploymentID(), Boolean.TRUE) == null;
    if (announces && config.apiKeys().isEmpty()) {
      log.warn("No API keys are configured (auth.apiKeys): anyone who can reach this port can start runs and read "
          + "them. Set PREFLIGHT_AUTH_API_KEYS outside a demo.");
    }
    if (health == null) {
      health = Health.create(vertx);
      health.engineDeployed();
    }
    return RunStore.create(vertx, config.retentionMs())
        .compose(store -> OpenApiEndpoint.load(vertx).map(openApi -> router(store, openApi)))
        .compose(this::listen);
  }

  /**
   * On a graceful shutdown the runs have finished by now, so the event streams only have their last frames to write:
   * the server lets open exchanges end on their own for a moment before it closes them. Otherwise it closes at once.
   */
  @Override
  public Future<?> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    return health.isDraining() ? server.shutdown(STREAMS_FLUSH_SECONDS, TimeUnit.SECONDS) : server.close();
  }

  /** Every path the router serves, in its own syntax ({@code /api/v1/preflights/:id}). */
  List<String> routedPaths() {
    return router.getRoutes().stream().map(Route::getPath).filter(path -> path != null).distinct().toList();
  }

  /** The port actually bound; differs from the configured one when that was 0. */
  public int actualPort() {
    return server.actualPort();
  }

  private Router router(RunStore store, OpenApiEndpoint openApi) {
    ApiKeys keys = new ApiKeys(config.apiKeys());
    RunsEndpoint runs = new RunsEndpoint(vertx, store, config, health, keys);
    EventsEndpoint events = new EventsEndpoint(vertx, store, config, keys, openStreams);
    CatalogueEndpoint catalogue = new CatalogueEndpoint(config.scenarios());
    AccessGuard guard = new AccessGuard(keys, RequestBudget.of(vertx, config.requestsPerMinute()));
    Router router = Router.router(vertx);
    this.router = router;
    router.route().handler(HttpApiVerticle::commonHeaders);
    router.route().handler(ctx -> {
      if (health.isDraining()) {
        // A proxy must not send its next request on this connection: the node is about to close it.
        ctx.response().putHeader("Connection", "close");
      }
      ctx.next();
    });
    router.route().handler(new ServerNames(config.serverNames())::handle);
    router.route().failureHandler(HttpApiVerticle::brokenBody);
    if (!config.corsOrigins().isEmpty()) {
      // Before the guard: a browser's CORS preflight carries no Authorization header.
      CorsHandler cors = CorsHandler.create().addOrigins(config.corsOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "Accept", "Last-Event-ID"))
          .exposedHeaders(Set.of("Location", "Retry-After"))
          .maxAgeSeconds(600);
      // The service's own page sends its Origin on a POST too; the CORS handler would refuse it unless listed.
      router.route().handler(ctx -> {
        if (isSameOrigin(ctx)) {
          ctx.next();
        } else {
          cors.handle(ctx);
        }
      });
    }
    // A regex route: it guards every /api path without becoming a documented path of its own.
    router.route().pathRegex("/api/.*").handler(guard::handle);

    String base = RunsEndpoint.BASE;
    router.post(base).handler(this::bodyDeadline).handler(HttpApiVerticle::lowerCaseMediaType);
    router.post(base).consumes("application/json")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
        .handler(HttpApiVerticle::bodyReceived)
        .handler(runs::start);
    allowOnly(router, base, HttpMethod.POST);
    readOnly(router, base + "/:id").handler(runs::find);
    allowOnly(router, base + "/:id", HttpMethod.GET, HttpMethod.HEAD);
    router.get(base + "/:id/events").handler(events::follow);
    router.head(base + "/:id/events").handler(events::probe);
    allowOnly(router, base + "/:id/events", HttpMethod.GET, HttpMethod.HEAD);
    readOnly(router, "/api/v1/checks").handler(catalogue::checks);
    allowOnly(router, "/api/v1/checks", HttpMethod.GET, HttpMethod.HEAD);
    readOnly(router, "/api/v1/demo/scenarios").handler(catalogue::scenarios);
    allowOnly(router, "/api/v1/demo/scenarios", HttpMethod.GET, HttpMethod.HEAD);

    // Load balancers probe with HEAD as often as with GET.
    readOnly(router, "/health/live").handler(health.liveHandler());
    readOnly(router, "/health/ready").handler(health.readyHandler());
    if (vertx.isMetricsEnabled()) {
      readOnly(router, "/metrics").handler(PrometheusScrapingHandler.create(Meters.REGISTRY));
    }
    readOnly(router, "/openapi.json").handler(openApi::describe);
    allowOnly(router, "/openapi.json", HttpMethod.GET, HttpMethod.HEAD);

    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("web").setCachingEnabled(false));
    problemsForErrors(router);
    return router;
  }

  private Future<HttpServer> listen(Router router) {
    // The idle timeout also ends connections that stall before a whole request has arrived.
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout((int) config.idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    return vertx.createHttpServer(options)
        .requestHandler(request -> {
          if (request.version() == null) {
            InvalidRequests.unsupportedVersion(request);
          } else if (request.headers().getAll("Host").size() > 1) {
            InvalidRequests.severalHosts(request);
          } else if (RequestPath.isWellFormed(request.path())) {
            // The router throws while matching a path with a broken %-escape; that is the caller's mistake, a 400.
            router.handle(request);
          } else {
            RequestPath.refuse(request.response());
          }
        })
        .invalidRequestHandler(InvalidRequests::answer)
        // NOTE: Vert.x answers a request with an HTTP version it does not know (HTTP/9.9) with a bare 501 unless a
        // WebSocket handler is set; with one, such a request reaches the handler above, which gives it a problem.
        // The service offers no WebSocket, so an upgrade is refused.
        .webSocketHandshakeHandler(handshake -> handshake.reject(404))
        .listen(config.port(), config.host())
        .onSuccess(bound -> {
          server = bound;
          if (announces) {
            log.info("HTTP API listening on {}:{} ({} instance(s))", config.host(), bound.actualPort(),
                context.getInstanceCount());
          }
        });
  }

  /**
   * A client that sends its body slowly, or never finishes it, would hold a connection and its buffer for as long as
   * it likes: past {@code http.bodyTimeoutSeconds} it gets 408 and the connection is closed.
   */
  private void bodyDeadline(RoutingContext ctx) {
    long timer = vertx.setTimer(config.bodyTimeoutMs(), t -> {
      if (!ctx.response().headWritten()) {
        // The rest of the body may still come; the connection cannot carry another request after it.
        ctx.response().putHeader("Connection", "close").endHandler(sent -> ctx.request().connection().close());
        Problem.of(408, "request-timeout", "Request timeout", "The request body did not arrive in time "
            + "(http.bodyTimeoutSeconds); send it whole, at once.").send(ctx);
      }
    });
    ctx.put(BODY_TIMER, timer);
    ctx.addEndHandler(done -> vertx.cancelTimer(timer));
    ctx.next();
  }

  private static void bodyReceived(RoutingContext ctx) {
    Long timer = ctx.get(BODY_TIMER);
    if (timer != null) {
      ctx.vertx().cancelTimer(timer);
    }
    ctx.next();
  }

  private Route readOnly(Router router, String path) {
    allowedByPath.putIfAbsent(pathPattern(path), "GET, HEAD");
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  /** Media types are case-insensitive; the router's {@code consumes} match is not, so hand it the lower case. */
  private static void lowerCaseMediaType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null) {
      ctx.request().headers().set("Content-Type", type.toLowerCase(java.util.Locale.ROOT));
    }
    ctx.next();
  }

  /** Any other method on a known path is a 405 that says which ones work. */
  private void allowOnly(Router router, String path, HttpMethod... allowed) {
    List<HttpMethod> supported = Arrays.asList(allowed);
    String allow = supported.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    allowedByPath.put(pathPattern(path), allow);
    // Only the other methods: a supported one that fails another condition, like its media type, is not a 405.
    Route others = router.route(path);
    HttpMethod.values().stream().filter(method -> !supported.contains(method)).forEach(others::method);
    others.handler(ctx -> {
      ctx.response().putHeader("Allow", allow);
      Problem.of(405, "method-not-allowed", "Method not allowed",
          ctx.request().method() + " is not supported on " + ctx.normalizedPath() + "; use " + allow + ".").send(ctx);
    });
  }

  /**
   * A method no route names, such as a made-up one, reaches the router's own 405; it gets the same problem and
   * {@code Allow} as any other unsupported method of a known path.
   */
  private void unknownMethods(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    // Every path without an entry is a file of the page, read-only too.
    String allow = allowedByPath.entrySet().stream().filter(entry -> entry.getKey().matcher(path).matches())
        .map(Map.Entry::getValue).findFirst().orElse("GET, HEAD");
    ctx.response().putHeader("Allow", allow);
    Problem.of(405, "method-not-allowed", "Method not allowed",
        "This method is not supported here; the Allow header lists the ones that are.").send(ctx);
  }

  private static Pattern pathPattern(String route) {
    return Pattern.compile(route.replaceAll(":[a-z]+", "[^/]+"));
  }

  private void problemsForErrors(Router router) {
    router.errorHandler(405, this::unknownMethods);
    // What the router itself refuses before any route, such as a Host header that is not a host.
    router.errorHandler(400, ctx -> Problem.of(400, "malformed-http", "Malformed HTTP request",
        "The request could not be routed; check its Host header and path.").send(ctx));
    router.errorHandler(404, ctx -> Problem.notFound("Nothing is served at " + ctx.normalizedPath() + ".")
        .send(ctx));
    router.errorHandler(415, ctx -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
        "Send the preflight request as JSON with the header Content-Type: application/json.").send(ctx));
    router.errorHandler(413, ctx -> Problem.of(413, "body-too-large", "Request body too large",
        "A preflight request is a few hundred bytes; this one is over the limit.").send(ctx));
    router.errorHandler(403, ctx -> Problem.of(403, "origin-not-allowed", "Origin not allowed",
        "Pages from this origin may not call the API; the operator lists allowed origins in http.corsOrigins.")
        .send(ctx));
    // Vert.x answers an Expect header it cannot meet (anything but 100-continue) through the router.
    router.errorHandler(417, ctx -> Problem.of(417, "expectation-failed", "Expectation failed",
        "Only Expect: 100-continue is supported; send the request without this Expect header.").send(ctx));
    router.errorHandler(500, HttpApiVerticle::internalError);
  }

  /**
   * A body that HTTP decoding refuses midway, such as one with a broken chunk size, fails the route with the stream's
   * error and no error status. It is a malformed request like a refused head, and the rest of the connection's bytes
   * cannot be trusted, so the answer closes it.
   */
  private static void brokenBody(RoutingContext ctx) {
    if (ctx.statusCode() < 200 || ctx.statusCode() >= 400 || ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Connection", "close").endHandler(sent -> ctx.request().connection().close());
    Problem.of(400, "malformed-http", "Malformed HTTP request", "The request body could not be read as HTTP/1.1 "
        + "(for example a broken chunk size); send it with a Content-Length.").send(ctx);
  }

  private static void internalError(RoutingContext ctx) {
    // The caller sees a generic problem; the cause goes to the log. Request bodies, which hold secrets, never do.
    log.error("Request {} {} failed", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
    Problem.internal().send(ctx);
  }

  /** No Origin, or one naming this very host (scheme aside: a proxy may end TLS in front of the service). */
  private static boolean isSameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    String host = ctx.request().getHeader("Host");
    if (origin == null) {
      return true;
    }
    int scheme = origin.indexOf("://");
    return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
  }

  private static void commonHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    ctx.next();
  }
}
