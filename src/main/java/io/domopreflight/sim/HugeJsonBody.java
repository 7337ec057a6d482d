package io.domopreflight.sim;

import io.vertx.core.buffer.Buffer;

/**
 * A JSON array of dataset list items, {@code size} bytes long, produced block by block so that a 100 MB body never
 * exists in memory at once.
 */
final class HugeJsonBody implements ChunkSource {

  private static final int ITEMS_PER_BLOCK = 200;

  private final Buffer block;
  private final long size;
  private long written;
  private boolean done;

  HugeJsonBody(Simulation sim, long size) {
    this.size = size;
    StringBuilder items = new StringBuilder();
    var list = sim.datasets.visible(null, null);
    for (int i = 0; i < ITEMS_PER_BLOCK; i++) {
      items.append(list.isEmpty() ? "{}" : sim.datasets.listItem(list.get(i % list.size())).encode()).append(',');
    }
    this.block = Buffer.buffer(items.toString());
  }

  @Override
  public Buffer next() {
    if (done) {
      return null;
    }
    if (written == 0) {
      written = 1;
      return Buffer.buffer("[");
    }
    if (written + block.length() < size) {
      written += block.length();
      return block.copy();
    }
    done = true;
    return Buffer.buffer("{}]");
  }
}
