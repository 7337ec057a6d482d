package io.domopreflight.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OAuth client of the simulated Domo instance: its credentials, granted scopes and how Domo treats it.
 *
 * @param latencyMs  extra delay for every request of this client, replacing the global latency; {@code null} = global
 * @param faults     what goes wrong, per endpoint group: {@code datasets, dataset, query, export, pages} or
 *                   {@code all}
 */
public record SimClient(String clientId, String clientSecret, List<String> scopes, Long latencyMs,
                        TokenBehaviour token, Map<String, List<Fault>> faults) {

  static final List<String> GROUPS = List.of("all", "datasets", "dataset", "query", "export", "pages");

  public SimClient {
    scopes = List.copyOf(scopes);
    faults = Map.copyOf(faults);
  }

  static SimClient fromJson(JsonObject json) {
    String clientId = require(json, "clientId");
    List<String> scopes = new ArrayList<>();
    json.getJsonArray("scopes", new JsonArray().add("data").add("dashboard")).forEach(s -> scopes.add((String) s));

    return new SimClient(clientId, require(json, "clientSecret"), scopes, json.getLong("latencyMs"),
        TokenBehaviour.parse(json.getString("token")), parseFaults(clientId, json.getJsonObject("faults")));
  }

  /** The faults that apply to one endpoint group, those configured for {@code all} first. */
  List<Fault> faultsFor(String group) {
    List<Fault> found = new ArrayList<>(faults.getOrDefault("all", List.of()));
    found.addAll(faults.getOrDefault(group, List.of()));
    return found;
  }

  JsonObject toJson() {
    JsonObject faultsJson = new JsonObject();
    faults.forEach((group, list) -> faultsJson.put(group, new JsonArray(list.stream().map(Fault::toString).toList())));
    return new JsonObject()
        .put("clientId", clientId)
        .put("scopes", new JsonArray(scopes))
        .put("latencyMs", latencyMs)
        .put("token", token.toString())
        .put("faults", faultsJson);
  }

  private static Map<String, List<Fault>> parseFaults(String clientId, JsonObject json) {
    Map<String, List<Fault>> faults = new LinkedHashMap<>();
    if (json == null) {
      return faults;
    }
    for (String group : json.fieldNames()) {
      if (!GROUPS.contains(group)) {
        throw new IllegalArgumentException("Client '" + clientId + "' has faults for unknown endpoint group '"
            + group + "'. Known groups: " + GROUPS);
      }
      Object value = json.getValue(group);
      List<Fault> list = new ArrayList<>();
      if (value instanceof JsonArray array) {
        array.forEach(item -> list.add(Fault.parse((String) item)));
      } else {
        list.add(Fault.parse(String.valueOf(value)));
      }
      faults.put(group, list);
    }
    return faults;
  }

  private static String require(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A simulator client needs '" + field + "': " + json.encode());
    }
    return value;
  }
}
