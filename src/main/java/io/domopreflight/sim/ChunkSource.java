package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;

/** A response body produced piece by piece, so large bodies are never held in memory. */
@FunctionalInterface
interface ChunkSource {

  /** The next piece of the body, or {@code null} when the body is complete. */
  Buffer next();

  static ChunkSource of(Buffer whole) {
    Buffer[] remaining = {whole};
    return () -> {
      Buffer next = remaining[0];
      remaining[0] = null;
      return next;
    };
  }
}
