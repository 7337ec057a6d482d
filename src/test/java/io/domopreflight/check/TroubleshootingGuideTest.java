package io.domopreflight.check;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The troubleshooting guide")
class TroubleshootingGuideTest {

  private static final Path DOC = Path.of(TroubleshootingGuide.PATH);

  @Test
  @DisplayName("is exactly what the generator makes of the verdict table")
  void matchesTheVerdicts() throws Exception {
    String generated = TroubleshootingGuide.render();
    if (Boolean.getBoolean("troubleshooting.write")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }

    assertThat(Files.exists(DOC)).as(DOC + " is missing; generate it with: " + TroubleshootingGuide.REGENERATE)
        .isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(DOC + " differs from the Verdict table; regenerate it with: " + TroubleshootingGuide.REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  @DisplayName("lists every verdict and explains every word in braces")
  void coversEveryVerdictAndPlaceholder() {
    String generated = TroubleshootingGuide.render();

    Arrays.stream(Verdict.values()).forEach(v -> assertThat(generated).contains("(`" + v.name() + "`)"));
    Matcher placeholder = Pattern.compile("\\{([A-Za-z]+)}").matcher(Arrays.stream(Verdict.values())
        .map(v -> v.messageTemplate() + v.hintTemplate()).reduce("", String::concat));
    while (placeholder.find()) {
      assertThat(generated).contains("- `{" + placeholder.group(1) + "}`: ");
    }
  }
}
