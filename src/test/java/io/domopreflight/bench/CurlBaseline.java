package io.domopreflight.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The hand check: a bash script making the same calls as a preflight with {@code curl}, one after the other (token,
 * one DataSet, one page, three one-row queries), as a user would paste them into a terminal.
 */
final class CurlBaseline {

  private final Path script;

  private CurlBaseline(Path script) {
    this.script = script;
  }

  static CurlBaseline write(Path dir) throws IOException {
    String query = "'{\"sql\":\"SELECT * FROM table LIMIT 1\"}'";
    String auth = "-H \"Authorization: bearer $token\"";
    StringBuilder text = new StringBuilder()
        .append("#!/usr/bin/env bash\n")
        .append("# usage: check.sh BASE_URL CLIENT_ID SECRET\n")
        .append("set -euo pipefail\n")
        .append("base=$1\n")
        .append("token=$(curl -sf -u \"$2:$3\" -d 'grant_type=client_credentials&scope=data%20dashboard' ")
        .append("\"$base/oauth/token\" | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n")
        .append("curl -sf -o /dev/null ").append(auth).append(" \"$base/v1/datasets?limit=1\"\n")
        .append("curl -sf -o /dev/null ").append(auth).append(" \"$base/v1/pages?limit=1\"\n");
    for (String id : new String[] {ScenarioFile.CARDS, ScenarioFile.CARD_PAGES, ScenarioFile.CARD_DATASOURCE}) {
      text.append("curl -sf -o /dev/null ").append(auth).append(" -H 'Content-Type: application/json' -d ")
          .append(query).append(" \"$base/v1/datasets/query/execute/").append(id).append("\"\n");
    }
    Path script = dir.resolve("check.sh");
    Files.writeString(script, text);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new CurlBaseline(script);
  }

  /** Runs the script once per client and times each run, process start-up included (it is part of the habit). */
  Timings run(String baseUrl, int count, java.util.function.IntFunction<String> clientOf) throws Exception {
    Timings timings = new Timings();
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      Process process = new ProcessBuilder("bash", script.toString(), baseUrl, clientOf.apply(i), ScenarioFile.SECRET)
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("the curl script failed: " + output);
      }
      timings.add(System.nanoTime() - started);
    }
    return timings;
  }
}
