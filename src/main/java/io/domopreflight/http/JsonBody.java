package io.domopreflight.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The checks a JSON request body passes before the engine sees it: syntax and shape. */
final class JsonBody {

  private JsonBody() {
  }

  /** The body as a JSON object, or {@code null} after replying 400 when it is empty, malformed or not an object. */
  static JsonObject objectOrRefuse(RoutingContext ctx) {
    Object value;
    try {
      value = ctx.body().isEmpty() ? null : Json.decodeValue(strictUtf8(ctx.body().buffer().getBytes()));
    } catch (CharacterCodingException notUtf8) {
      refuse(ctx, "The request body is not valid UTF-8. Send one JSON object encoded as UTF-8.");
      return null;
    } catch (DecodeException malformed) {
      refuse(ctx, "The request body is not valid JSON. Send one JSON object.");
      return null;
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    refuse(ctx, "The request body must be one JSON object with clientId, clientSecret and domoStats.");
    return null;
  }

  /**
   * JSON must be UTF-8 (RFC 8259); the JSON parser alone lets some invalid sequences through as text. A leading byte
   * order mark, which editors such as Windows Notepad write, is skipped, as the command line's {@code check} does.
   */
  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    String text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static void refuse(RoutingContext ctx, String detail) {
    Problem.of(400, "malformed-body", "Malformed request body", detail).send(ctx);
  }
}
