package io.domopreflight.sim;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the simulator: Domo's token endpoint and Platform API routes, plus its own {@code /_sim} routes
 * for inspection. Every API request is logged (secret-free) and delayed by its client's latency before it is handled.
 */
final class SimulatorVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(SimulatorVerticle.class);
  private static final String HOST = "127.0.0.1";
  private static final long BODY_LIMIT = 1024 * 1024;

  private final Simulation sim;
  private HttpServer server;

  SimulatorVerticle(Simulation sim) {
    this.sim = sim;
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    addAdminRoutes(router);
    addApiRoutes(router);

    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(sim.config.port(), HOST)
        .onSuccess(listening -> {
          server = listening;
          log.info("Domo simulator listening on http://{}:{} with {} clients, {} configured datasets, {} scenarios",
              HOST, listening.actualPort(), sim.config.clients().size(), sim.config.datasets().size(),
              sim.config.scenarios().size());
        });
  }

  private void addAdminRoutes(Router router) {
    AdminEndpoint admin = new AdminEndpoint(sim);
    router.get("/_sim/health").handler(admin::health);
    router.get("/_sim/requests").handler(admin::requests);
    router.delete("/_sim/requests").handler(admin::clearRequests);
    router.get("/_sim/scenarios").handler(admin::scenarios);
    router.post("/_sim/reset").handler(admin::reset);
  }

  private void addApiRoutes(Router router) {
    BearerGuard guard = new BearerGuard(sim);
    FaultInjector faults = new FaultInjector(sim);
    DatasetsEndpoint datasets = new DatasetsEndpoint(sim, guard, faults);
    PagesEndpoint pages = new PagesEndpoint(sim, guard, faults);

    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.route().handler(this::intake);

    TokenEndpoint token = new TokenEndpoint(sim);
    router.route("/oauth/token").method(HttpMethod.GET).method(HttpMethod.POST).handler(token::handle);
    router.get("/v1/datasets").handler(datasets::list);
    router.post("/v1/datasets/query/execute/:id").handler(new QueryEndpoint(sim, guard, faults)::handle);
    router.get("/v1/datasets/:id/data").handler(new ExportEndpoint(sim, guard, faults)::handle);
    router.get("/v1/datasets/:id").handler(datasets::detail);
    router.get("/v1/pages").handler(pages::list);
    router.get("/v1/pages/:id").handler(pages::detail);
    router.route().handler(this::notFound);
  }

  /** Records the request, then holds it for the client's latency (global when the client has none). */
  private void intake(RoutingContext ctx) {
    long started = System.currentTimeMillis();
    String authorization = ctx.request().getHeader("Authorization");
    String scheme = authorization == null ? null : authorization.trim().split("\\s+", 2)[0];
    String clientId = clientOf(authorization);

    JsonObject entry = sim.log.record(ctx.request().method().name(), ctx.request().path(), ctx.request().query(),
        ctx.request().headers(), scheme, clientId);
    recordBody(ctx, entry);
    ctx.addEndHandler(done -> sim.log.finish(entry, done.succeeded() ? ctx.response().getStatusCode() : null,
        System.currentTimeMillis() - started, ctx.request().bytesRead(), ctx.response().bytesWritten()));

    SimClient client = sim.client(clientId).orElse(null);
    if (client != null) {
      sim.memory.touch(client.clientId(), started);
    }
    long latency = sim.latencyFor(client);
    if (latency > 0) {
      vertx.setTimer(latency, id -> ctx.next());
    } else {
      ctx.next();
    }
  }

  /** Whose request this is, from Basic credentials or from the token; never keeps the secret or the token. */
  private String clientOf(String authorization) {
    if (authorization == null) {
      return null;
    }
    var basic = BasicCredentials.parse(authorization);
    if (basic.isPresent()) {
      return basic.get().clientId();
    }
    String[] parts = authorization.trim().split("\\s+", 2);
    return parts.length < 2 ? null : sim.tokens.decode(parts[1]).map(TokenClaims::clientId).orElse(null);
  }

  private void recordBody(RoutingContext ctx, JsonObject entry) {
    if (!ctx.request().formAttributes().isEmpty()) {
      sim.log.addForm(entry, ctx.request().formAttributes());
      return;
    }
    var body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return;
    }
    try {
      sim.log.addBody(entry, body.toJsonValue());
    } catch (DecodeException e) {
      sim.log.addBody(entry, body.getString(0, Math.min(body.length(), 2000)));
    }
  }

  private void notFound(RoutingContext ctx) {
    sim.writer.send(ctx, Reply.json(404, DomoBodies.envelope(404, "Not Found", "No handler for "
        + ctx.request().method() + " " + ctx.request().path())));
  }
}
