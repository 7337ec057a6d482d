package io.domopreflight.domo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what it can from the start of a JSON answer that the client stopped reading at its cap. A Domo that ignores
 * {@code limit} or {@code LIMIT} can send megabytes; the first KiB already say whether it is a list, and which
 * columns a query answer has.
 */
public final class JsonPrefix {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonPrefix() {
  }

  /** True when the text starts a JSON array (after a possible byte order mark and white space). */
  public static boolean startsArray(String text) {
    try (JsonParser parser = JSON.createParser(stripBom(text))) {
      return parser.nextToken() == JsonToken.START_ARRAY;
    } catch (IOException notJson) {
      return false;
    }
  }

  /**
   * The {@code columns} of a query answer and how many of its {@code rows} begin within the text.
   *
   * @return null when the text does not start a query answer with its columns
   */
  public static QueryPrefix queryAnswer(String text) {
    List<String> columns = null;
    int rows = 0;
    try (JsonParser parser = JSON.createParser(stripBom(text))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("columns".equals(field) && value == JsonToken.START_ARRAY) {
          columns = new ArrayList<>();
          while (parser.nextToken() == JsonToken.VALUE_STRING) {
            columns.add(parser.getText());
          }
        } else if ("rows".equals(field) && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_ARRAY) {
            rows++;
            parser.skipChildren();
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException cutOff) {
      // The text ends mid-answer by design: keep what was read before the cut.
    }
    return columns == null ? null : new QueryPrefix(columns, rows);
  }

  private static String stripBom(String text) {
    return text != null && text.startsWith("\uFEFF") ? text.substring(1) : text == null ? "" : text;
  }

  /** The columns of a query answer, and the number of rows seen (at least, when the answer was cut). */
  public record QueryPrefix(List<String> columns, int rowsSeen) {
  }
}
