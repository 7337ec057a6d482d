package io.domopreflight.http;

import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed requests against the live API: random and mistyped JSON, huge and odd strings, invalid
 * UTF-8, bad headers, paths, methods and content types, and raw bytes that are not HTTP at all. Every one must get a
 * 4xx (or, for bytes that are not HTTP, a closed connection), never a 5xx, and the service must go on serving runs.
 * The seed is printed, and {@code -Dfuzz.seed=N} replays a run.
 */
@DisplayName("Under a storm of malformed requests, the API")
class FuzzTest {

  private static final String RUNS = "/api/v1/preflights";
  private static final String KEY = "fuzz-key-0123456789";
  private static final int HTTP_CASES = Integer.getInteger("fuzz.cases", 10_000);
  private static final int RAW_CASES = 240;
  private static final int IN_FLIGHT = 64;
  private static final String[] FIELDS = {"apiHost", "clientId", "clientSecret", "domoStats", "checks"};
  private static final String[] ODD = {"", " ", "\u0000", "\u202e", "\ud800", "\udfff", "\uffff", "\u200b", "💥",
      "../../etc/passwd", "%00", "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://x}", "\r\nX-Injected: 1",
      "null", "NaN", "-0", "1e999", "\\", "\"", "{}", "[]"};

  @Test
  @DisplayName("answers every one with a 4xx, never a 5xx, and still runs a preflight afterwards")
  void survivesMalformedRequests() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    JsonObject config = new JsonObject().put("auth.apiKeys", new JsonArray().add(KEY))
        .put("auth.requestsPerMinute", 0);

    try (LiveService service = LiveService.start(SimulatorConfig.defaults(), config)) {
      WebClient web = WebClient.create(service.engine.vertx,
          new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(service.port),
          new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
      long startedAt = System.nanoTime();
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> bad = new ArrayList<>();

      for (int sent = 0; sent < HTTP_CASES; sent += IN_FLIGHT) {
        List<Future<String>> batch = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT && sent + i < HTTP_CASES; i++) {
          batch.add(send(web, random));
        }
        Future.join(batch).await(30, TimeUnit.SECONDS);
        batch.forEach(outcome -> record(outcome.result(), statuses, bad));
      }
      long httpMs = (System.nanoTime() - startedAt) / 1_000_000;
      int raw = 0;
      for (; raw < RAW_CASES; raw += 16) {
        List<Future<String>> batch = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          batch.add(raw(service, rawRequest(random)));
        }
        Future.join(batch).await(30, TimeUnit.SECONDS);
        batch.forEach(outcome -> record(outcome.result(), statuses, bad));
      }
      long tookMs = (System.nanoTime() - startedAt) / 1_000_000;
      System.out.printf("fuzz: seed %d, %d HTTP requests in %d ms + %d raw in %d ms, statuses %s%n", seed,
          HTTP_CASES, httpMs, raw, tookMs - httpMs, statuses);

      assertThat(bad).as("seed %d (replay with -Dfuzz.seed=%d)", seed, seed).isEmpty();
      assertThat(service.engine.simulator.requests()).as("seed %d: no malformed request reached Domo", seed)
          .isEmpty();
      HttpResponse<Buffer> run = Await.result(service.web.post(RUNS + "?wait=true").bearerTokenAuthentication(KEY)
          .sendJsonObject(service.engine.scenario("all-passing")));
      assertThat(run.statusCode()).as("seed %d", seed).isEqualTo(200);
      assertThat(run.bodyAsJsonObject().getString("outcome")).isEqualTo("passed");
    }
  }

  private static void record(String outcome, Map<Integer, Integer> statuses, List<String> bad) {
    int status = outcome.startsWith("closed") ? 0 : Integer.parseInt(outcome.substring(0, 3));
    statuses.merge(status, 1, Integer::sum);
    if (status != 0 && (status < 400 || status >= 500) || outcome.startsWith("closed http")) {
      bad.add(outcome);
    }
  }

  /** One malformed HTTP request; completes with "status description". */
  private static Future<String> send(WebClient web, Random random) {
    HttpMethod method = HttpMethod.POST;
    String path = RUNS;
    String contentType = "application/json";
    Buffer body = invalidRequest(random).toBuffer();
    String key = KEY;
    String description;

    switch (random.nextInt(10)) {
      case 0 -> {
        body = Buffer.buffer(randomJson(random, 4).toString());
        description = "random JSON";
      }
      case 1 -> {
        body = invalidUtf8(random);
        description = "invalid UTF-8";
      }
      case 2 -> {
        body = Buffer.buffer(new JsonObject().put("clientId", "x").put("clientSecret", "y".repeat(70_000)).encode());
        description = "huge body";
      }
      case 3 -> {
        contentType = pick(random, new String[]{"text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/xml", "", "application/jsonx", "*/*", "json"});
        description = "content type " + contentType;
      }
      case 4 -> {
        method = pick(random, new HttpMethod[]{HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.TRACE,
            HttpMethod.OPTIONS, HttpMethod.HEAD, HttpMethod.valueOf("PROPFIND"), HttpMethod.valueOf("BREW")});
        // HEAD is a read on the catalogue (load balancers probe with it); everywhere else it is refused.
        path = pick(random, method == HttpMethod.HEAD ? new String[]{RUNS, RUNS + "/abc", RUNS + "/abc/events"}
            : new String[]{RUNS, RUNS + "/abc", RUNS + "/abc/events", "/api/v1/checks"});
        description = "method " + method + " " + path;
      }
      case 5 -> {
        method = HttpMethod.GET;
        path = badPath(random);
        description = "path " + path;
      }
      case 6 -> {
        key = pick(random, new String[]{null, "", "x", KEY + "x", KEY.toUpperCase(), "Basic " + KEY});
        description = "key " + key;
      }
      case 7 -> {
        method = HttpMethod.GET;
        path = RUNS + "/" + java.util.UUID.randomUUID() + "/events?lastEventId=" + pick(random, ODD)
            .replaceAll("[^A-Za-z0-9]", "") + "&streamToken=" + Long.toHexString(random.nextLong());
        key = random.nextBoolean() ? KEY : null;
        description = "events of an unknown run";
      }
      default -> description = "invalid request";
    }

    HttpRequest<Buffer> request = web.request(method, path);
    if (!contentType.isEmpty()) {
      request.putHeader("Content-Type", contentType);
    }
    if (key != null) {
      request.putHeader("Authorization", key.startsWith("Basic") ? key : "Bearer " + key);
    }
    if (random.nextInt(8) == 0) {
      // The client refuses control characters in headers; the raw cases below send those.
      request.putHeader("Last-Event-ID", pick(random, ODD).replaceAll("[^\\x20-\\x7e]", "?"));
      request.putHeader("Accept", pick(random, new String[]{"text/event-stream", "*/*", "nonsense/", ";;;"}));
    }
    String what = method + " " + description;
    Future<HttpResponse<Buffer>> response = method == HttpMethod.GET || method == HttpMethod.HEAD
        || method == HttpMethod.TRACE ? request.send() : request.sendBuffer(body);
    return response.map(r -> r.statusCode() + " " + what)
        .otherwise(err -> "closed http " + what + ": " + err);
  }

  /** A request object that is always invalid in one way, with random noise in the other fields. */
  private static JsonObject invalidRequest(Random random) {
    JsonObject request = new JsonObject().put("clientId", "client").put("clientSecret", "secret")
        .put("domoStats", new JsonObject().put("cards", "c4a7d1e0-5a11-4c0b-9d01-000000000001"));
    for (int i = random.nextInt(3); i > 0; i--) {
      request.put(pick(random, FIELDS), randomValue(random, 2));
    }
    Supplier<JsonObject> breaker = switch (random.nextInt(9)) {
      case 0 -> () -> request.put("clientId", randomNonString(random));
      case 1 -> () -> { request.remove("clientSecret"); return request; };
      case 2 -> () -> request.put("clientSecret", "s".repeat(1025 + random.nextInt(5000)));
      case 3 -> () -> request.put("checks", new JsonArray().add(pick(random, ODD) + "-no-such-check"));
      case 4 -> () -> request.put("domoStats", new JsonObject().put("odd" + random.nextInt(99), "x"));
      case 5 -> () -> request.put("apiHost", pick(random, new String[]{"http://169.254.169.254", "https://10.0.0.1",
          "evil.example.com", "ftp://api.domo.com", "https://api.domo.com/path", "https://user:pw@api.domo.com",
          "http://[::1]:1", "https://api.domo.com?x=1", "a".repeat(3000)}));
      case 6 -> () -> request.put("clientId", "\u0001" + pick(random, ODD));
      case 7 -> () -> request.put("checks", new JsonArray());
      default -> () -> request.put("clientId", "   ");
    };
    return breaker.get();
  }

  private static Object randomJson(Random random, int depth) {
    return random.nextInt(4) == 0 ? new JsonArray().add(randomValue(random, depth)) : randomObject(random, depth);
  }

  private static JsonObject randomObject(Random random, int depth) {
    JsonObject object = new JsonObject();
    for (int i = random.nextInt(6); i > 0; i--) {
      object.put(random.nextBoolean() ? pick(random, FIELDS) : pick(random, ODD), randomValue(random, depth - 1));
    }
    // Random JSON must not be a valid request by chance: a valid one needs a string client secret.
    object.put("clientSecret", random.nextBoolean() ? 42 : new JsonArray());
    return object;
  }

  private static Object randomValue(Random random, int depth) {
    return switch (depth <= 0 ? random.nextInt(5) : random.nextInt(7)) {
      case 0 -> pick(random, ODD) + pick(random, ODD);
      case 1 -> random.nextLong();
      case 2 -> random.nextBoolean();
      case 3 -> null;
      case 4 -> random.nextDouble() * 1e300;
      case 5 -> randomObject(random, depth - 1);
      default -> new JsonArray().add(randomValue(random, depth - 1)).add(pick(random, ODD));
    };
  }

  private static Object randomNonString(Random random) {
    return pick(random, new Object[]{42, true, new JsonObject(), new JsonArray().add("x"), 1.5});
  }

  private static Buffer invalidUtf8(Random random) {
    byte[] prefix = "{\"clientId\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] junk = new byte[1 + random.nextInt(16)];
    random.nextBytes(junk);
    // Bytes that never start a UTF-8 sequence; and no client secret, so that even a lenient reading is invalid.
    junk[0] = (byte) (int) pick(random, new Integer[]{0xC0, 0xC1, 0xFF, 0xFE, 0x80, 0xBF, 0xF8});
    return Buffer.buffer(prefix).appendBytes(junk).appendString("\"}");
  }

  private static String badPath(Random random) {
    return pick(random, new String[]{RUNS + "/" + Long.toHexString(random.nextLong()),
        RUNS + "/..%2f..%2fetc%2fpasswd", RUNS + "/%00", RUNS + "/" + "x".repeat(5000), "/api/v2/anything",
        "/api/v1/preflights/%ZZ", "/api/v1/checks/../../../../etc/passwd", "/" + "a/".repeat(200),
        "/api/v1/preflights/" + java.util.UUID.randomUUID(), "/no-such-page.html", "/api/", "/api/v1/demo/nothing",
        "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/preflights/x/events/y"});
  }

  /** Bytes that are not (quite) HTTP: the server must answer 4xx or close, never 5xx. */
  private static Buffer rawRequest(Random random) {
    String line = pick(random, new String[]{
        "GET / HTTP/9.9\r\n\r\n",
        "GET /api/v1/checks HTTP/2.0\r\nHost: x\r\n\r\n",
        "POST " + RUNS + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "GET /api/v1/checks HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n",
        "POST " + RUNS + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "POST " + RUNS + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
        "\u0000\u0001\u0002\u0003\r\n\r\n",
        "GET /api/v1/checks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00ff\u00fe\r\n\r\n"});
    return Buffer.buffer(line.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends raw bytes; completes with the status of the answer or "closed" when the server just hung up. */
  private static Future<String> raw(LiveService service, Buffer bytes) {
    NetClient client = service.engine.vertx.createNetClient();
    Promise<String> outcome = Promise.promise();
    Buffer received = Buffer.buffer();
    client.connect(service.port, "127.0.0.1").onSuccess(socket -> {
      socket.handler(chunk -> {
        received.appendBuffer(chunk);
        if (received.length() >= 12) {
          outcome.tryComplete(received.getString(9, 12) + " raw " + label(bytes));
          socket.close();
        }
      });
      socket.closeHandler(v -> outcome.tryComplete("closed raw"));
      socket.write(bytes);
    }).onFailure(err -> outcome.tryComplete("closed raw: " + err));
    // A server waiting for the rest of a request that never comes is right; it must not answer 5xx meanwhile.
    service.engine.vertx.setTimer(300, t -> outcome.tryComplete("closed raw (no answer yet)"));
    return outcome.future().eventually(client::close);
  }

  private static String label(Buffer bytes) {
    String text = bytes.getString(0, Math.min(40, bytes.length()), "ISO-8859-1");
    return text.replaceAll("[^\\x20-\\x7e]", "?");
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }
}
