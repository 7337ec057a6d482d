package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The pages (dashboards) of the simulated instance, arranged in trees up to three levels deep. In every block of six
 * pages the first, fifth and sixth are top level, the second and fourth sit under the first, the third under the
 * second.
 */
final class PageTree {

  static final long FIRST_PAGE_ID = 1_700_000_001L;

  private static final String[] TOPICS = {"Sales", "EMEA", "Pipeline", "Marketing", "Ops", "Finance", "Support",
      "Product", "People", "Executive"};

  private final int count;

  PageTree(int count) {
    this.count = count;
  }

  static long pageId(int index) {
    return FIRST_PAGE_ID + index;
  }

  int count() {
    return count;
  }

  boolean contains(long pageId) {
    return pageId >= FIRST_PAGE_ID && pageId < FIRST_PAGE_ID + count;
  }

  static String name(int index) {
    return TOPICS[index % TOPICS.length] + " " + (index + 1);
  }

  /** Index of the parent page, or -1 for a top-level page. */
  int parentIndex(int index) {
    int base = index - index % 6;
    return switch (index % 6) {
      case 1, 3 -> base;
      case 2 -> base + 1;
      default -> -1;
    };
  }

  List<Integer> roots() {
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (parentIndex(i) < 0) {
        roots.add(i);
      }
    }
    return roots;
  }

  JsonObject node(int index) {
    JsonArray children = new JsonArray();
    for (int i = index + 1; i < count && i < index + 6; i++) {
      if (parentIndex(i) == index) {
        children.add(node(i));
      }
    }
    return new JsonObject().put("id", pageId(index)).put("name", name(index)).put("children", children);
  }

  /** The detail view of {@code GET /v1/pages/{id}}. */
  JsonObject detail(int index, List<Long> cardIds) {
    int parent = parentIndex(index);
    return new JsonObject()
        .put("id", pageId(index))
        .put("parentId", parent < 0 ? 0 : pageId(parent))
        .put("name", name(index))
        .put("locked", index % 7 == 0)
        .put("collectionIds", new JsonArray())
        .put("cardIds", new JsonArray(cardIds))
        .put("visibility", new JsonObject().put("userIds", new JsonArray().add(27)).put("groupIds", new JsonArray()))
        .put("owners", new JsonArray().add(new JsonObject().put("id", 27).put("type", "USER")
            .put("displayName", "Jane Admin")));
  }
}
