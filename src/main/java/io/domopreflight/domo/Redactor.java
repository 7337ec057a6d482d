package io.domopreflight.domo;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that Domo sent back before it is stored or shown: the values the caller knows (client
 * secret, tokens) and anything shaped like a token, a bearer header or a JWT.
 */
public final class Redactor {

  public static final String MARK = "[REDACTED]";
  /** Domo error bodies worth showing are small; a few KiB keep events and stored runs small too. */
  public static final int MAX_SHOWN_CHARS = 4096;

  private static final Pattern TOKEN_FIELD =
      Pattern.compile("(\"(?:access_token|refresh_token|id_token|client_secret|token)\"\\s*:\\s*\")[^\"]*(\")",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  private static final Pattern FORM_SECRET =
      Pattern.compile("(?i)((?:client_secret|access_token)=)[^&\\s\"]+");

  private Redactor() {
  }

  /** The text without any of the known secrets or token-shaped strings, cut to {@link #MAX_SHOWN_CHARS}. */
  public static String redact(String text, Collection<String> knownSecrets) {
    if (text == null) {
      return null;
    }
    String clean = text;
    for (String secret : knownSecrets) {
      if (secret != null && secret.length() >= 4) {
        clean = clean.replace(secret, MARK);
      }
    }
    clean = TOKEN_FIELD.matcher(clean).replaceAll("$1" + MARK + "$2");
    clean = BEARER.matcher(clean).replaceAll("$1 " + MARK);
    clean = JWT.matcher(clean).replaceAll(MARK);
    clean = FORM_SECRET.matcher(clean).replaceAll("$1" + MARK);
    return clean.length() <= MAX_SHOWN_CHARS ? clean : clean.substring(0, MAX_SHOWN_CHARS) + "…";
  }
}
