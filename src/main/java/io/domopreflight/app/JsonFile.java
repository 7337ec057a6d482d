package io.domopreflight.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A JSON object read from a file the user named (a request, a configuration), with one line saying what is wrong
 * when it cannot be. The line never quotes the file: it may hold a client secret or an API key.
 */
final class JsonFile {

  private JsonFile() {
  }

  /**
   * @param file a path, or {@code -} for standard input
   * @param noun what the file is, for the messages: "request file", "configuration file"
   * @throws IllegalArgumentException saying what is wrong with the file
   */
  static JsonObject readObject(String file, String noun) {
    Object value;
    try {
      value = parse(read(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no " + noun + " " + file);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not valid UTF-8");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new IllegalArgumentException(file + " is not valid JSON (" + whereInvalid(e) + ")");
    }
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException(file + " is not a JSON object");
    }
    return object;
  }

  /**
   * The file as strict UTF-8, without the byte order mark some Windows editors write first.
   *
   * @throws CharacterCodingException when it is not UTF-8
   */
  private static String read(String file) throws IOException {
    byte[] bytes = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Any JSON value, so that valid JSON of the wrong shape gets its own message. */
  private static Object parse(String text) {
    if (text.isBlank()) {
      throw new DecodeException("empty");
    }
    return Json.decodeValue(text);
  }

  /** Where the JSON went wrong and roughly why, from the parser's location only: its message quotes the file. */
  private static String whereInvalid(DecodeException e) {
    if (!(e.getCause() instanceof JsonProcessingException parsing) || parsing.getLocation() == null) {
      return "empty".equals(e.getMessage()) ? "the file is empty" : "it does not parse";
    }
    String why = parsing instanceof JsonEOFException ? "it ends too early" : "unexpected content";
    return why + " at line " + parsing.getLocation().getLineNr() + ", column " + parsing.getLocation().getColumnNr();
  }
}
