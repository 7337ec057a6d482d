package io.domopreflight.http;

import io.domopreflight.Addresses;
import io.domopreflight.check.CheckSpec;
import io.domopreflight.check.Outcome;
import io.domopreflight.http.SseReader.Frame;
import io.domopreflight.run.RunRecord;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@DisplayName("The event stream of a run")
class EventStreamTest {

  private static final int ALL_EVENTS = CheckSpec.values().length + 1;

  @Test
  @DisplayName("sends every check once, numbered 1..n without a gap, then done, then ends")
  void sendsEveryCheckOnceThenDone(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());
    Await.result(reader.until(frames -> !frames.isEmpty()));

    service.engine.passAll(run.id());
    Await.result(reader.ended());

    List<Frame> events = reader.events();
    assertThat(events).extracting(Frame::id).containsExactlyElementsOf(ids(1, ALL_EVENTS));
    assertThat(events.subList(0, ALL_EVENTS - 1)).extracting(Frame::event).containsOnly("check");
    assertThat(events.subList(0, ALL_EVENTS - 1)).extracting(f -> f.json().getString("check"))
        .containsExactlyInAnyOrderElementsOf(CheckSpec.ids());
    Frame done = events.get(ALL_EVENTS - 1);
    assertThat(done.event()).isEqualTo("done");
    assertThat(done.json().getString("status")).isEqualTo("done");
    assertThat(done.json().getString("outcome")).isEqualTo("passed");
  }

  @Test
  @DisplayName("opens with the reconnect delay and the headers that keep proxies from buffering")
  void opensWithRetryAndHeaders(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());

    List<Frame> frames = Await.result(reader.until(all -> !all.isEmpty()));

    HttpClientResponse response = reader.response();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(response.getHeader("X-Accel-Buffering")).isEqualTo("no");
    assertThat(frames.get(0).retry()).isEqualTo(2000);
  }

  @Test
  @DisplayName("resumes after the Last-Event-ID header of a reconnecting client, mid-run")
  void resumesAfterLastEventIdHeader(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    service.engine.land(run.id(), "authentication", Outcome.PASSED);
    service.engine.land(run.id(), "datasets", Outcome.FAILED);
    service.engine.land(run.id(), "dashboards", Outcome.PASSED);

    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", "2"));
    Await.result(reader.untilEvents(1));
    service.engine.passAll(run.id());
    Await.result(reader.ended());

    assertThat(reader.events()).extracting(Frame::id).containsExactlyElementsOf(ids(3, ALL_EVENTS));
    assertThat(reader.events().get(0).json().getString("check")).isEqualTo("dashboards");
  }

  @Test
  @DisplayName("resumes after the lastEventId query parameter, for links that cannot set headers")
  void resumesAfterLastEventIdQueryParameter(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    service.engine.land(run.id(), "authentication", Outcome.PASSED);
    service.engine.land(run.id(), "datasets", Outcome.PASSED);

    SseReader reader = follow(service, run.id() + "?lastEventId=1", MultiMap.caseInsensitiveMultiMap());
    Await.result(reader.untilEvents(1));
    service.engine.passAll(run.id());
    Await.result(reader.ended());

    assertThat(reader.events()).extracting(Frame::id).containsExactlyElementsOf(ids(2, ALL_EVENTS));
  }

  @Test
  @DisplayName("gives two clients of one run the identical sequence")
  void givesTwoClientsTheSameSequence(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    service.engine.land(run.id(), "authentication", Outcome.PASSED);
    SseReader first = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());
    Await.result(first.untilEvents(1));

    service.engine.land(run.id(), "datasets", Outcome.ERROR);
    SseReader second = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());
    Await.result(second.untilEvents(2));
    service.engine.passAll(run.id());
    Await.result(first.ended());
    Await.result(second.ended());

    assertThat(first.events()).hasSize(ALL_EVENTS).isEqualTo(second.events());
  }

  @Test
  @DisplayName("replays everything to a client that arrives after the run is done, then ends")
  void replaysAFinishedRun(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    service.engine.passAll(run.id());

    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());
    Await.result(reader.ended());

    assertThat(reader.events()).extracting(Frame::id).containsExactlyElementsOf(ids(1, ALL_EVENTS));
    assertThat(reader.events().get(ALL_EVENTS - 1).event()).isEqualTo("done");
  }

  @Test
  @DisplayName("answers 204 to a client that already has every event of a finished run, so it stops reconnecting")
  void tellsAnUpToDateClientThereIsNothingMore(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    service.engine.passAll(run.id());

    SseReader reader = follow(service, run.id(),
        MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", String.valueOf(ALL_EVENTS)));
    Await.result(reader.ended());

    assertThat(reader.response().statusCode()).isEqualTo(204);
    assertThat(reader.frames()).isEmpty();
  }

  @Test
  @DisplayName("ends the stream of a client already past the last event once the run is done, instead of holding it")
  void endsAClientAheadOfTheRunWhenItIsDone(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    service.engine.land(run.id(), "authentication", Outcome.PASSED);

    SseReader atDone = follow(service, run.id(),
        MultiMap.caseInsensitiveMultiMap().add("Last-Event-ID", String.valueOf(ALL_EVENTS)));
    SseReader beyond = follow(service, run.id() + "?lastEventId=100", MultiMap.caseInsensitiveMultiMap());
    service.engine.passAll(run.id());
    Await.result(atDone.ended());
    Await.result(beyond.ended());

    assertThat(atDone.response().statusCode()).isEqualTo(200);
    assertThat(atDone.events()).isEmpty();
    assertThat(beyond.events()).isEmpty();
  }

  @Test
  @DisplayName("answers 404 with a problem for a run it does not know")
  void refusesAnUnknownRun(Vertx vertx) {
    TestService service = TestService.start(vertx);

    SseReader reader = follow(service, "no-such-run", MultiMap.caseInsensitiveMultiMap());

    assertThat(reader.response().statusCode()).isEqualTo(404);
    assertThat(reader.response().getHeader("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
    assertThat(service.nobodyFollows("no-such-run")).isTrue();
  }

  @Test
  @DisplayName("sends a heartbeat comment while nothing happens")
  void sendsHeartbeats(Vertx vertx) {
    TestService service = TestService.start(vertx, new JsonObject().put("sse.heartbeatSeconds", 0.05));
    RunRecord run = service.engine.createRun(TestService.request());
    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());

    List<Frame> frames = Await.result(reader.until(all -> all.stream().anyMatch(f -> f.comment() != null)));

    assertThat(frames).filteredOn(f -> f.comment() != null).first()
        .satisfies(beat -> assertThat(beat.id()).isNull())
        .satisfies(beat -> assertThat(beat.data()).isNull());
  }

  @Test
  @DisplayName("fills an event the bus lost from the run store, in order")
  void fillsALostEventFromTheStore(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());
    Await.result(reader.until(frames -> !frames.isEmpty()));

    service.engine.landUnannounced(run.id(), "authentication", Outcome.PASSED);
    service.engine.land(run.id(), "datasets", Outcome.PASSED);
    Await.result(reader.untilEvents(2));

    assertThat(reader.events()).extracting(f -> f.json().getString("check"))
        .containsExactly("authentication", "datasets");
    assertThat(reader.events()).extracting(Frame::id).containsExactly(1L, 2L);
  }

  @Test
  @DisplayName("stops listening to the run once its client goes away")
  void releasesTheRunWhenTheClientLeaves(Vertx vertx) {
    TestService service = TestService.start(vertx);
    RunRecord run = service.engine.createRun(TestService.request());
    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());
    Await.result(reader.until(frames -> !frames.isEmpty()));

    Await.result(reader.close());

    assertThat(service.nobodyFollows(run.id())).isTrue();
  }

  @Test
  @DisplayName("cuts off a client that stops reading instead of buffering for it")
  void cutsOffAClientThatStopsReading(Vertx vertx) {
    TestService service = TestService.start(vertx, new JsonObject().put("sse.maxBufferedBytes", 4096));
    RunRecord run = service.engine.createRun(TestService.request());
    SseReader reader = follow(service, run.id(), MultiMap.caseInsensitiveMultiMap());
    Await.result(reader.until(frames -> !frames.isEmpty()));

    reader.response().pause();
    // Far more than the socket buffers of a loopback connection hold, so the server's own queue has to grow.
    String blob = "x".repeat(64 * 1024);
    for (int seq = 1; seq <= 800; seq++) {
      vertx.eventBus().publish(Addresses.events(run.id()), new JsonObject().put("seq", seq).put("type", "check")
          .put("data", new JsonObject().put("check", "datasets").put("blob", blob)));
    }

    assertThat(service.nobodyFollows(run.id())).isTrue();
  }

  private static SseReader follow(TestService service, String runPath, MultiMap headers) {
    return Await.result(SseReader.open(service.http, service.port, "/api/v1/preflights/" + runPath.replace("?",
        "/events?").replaceFirst("^([^?]*)$", "$1/events"), headers));
  }

  private static List<Long> ids(int from, int to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }
}
