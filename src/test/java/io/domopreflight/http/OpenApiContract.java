package io.domopreflight.http;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The OpenAPI document the service serves, as JSON Schema 2020-12 validators of its components. */
final class OpenApiContract {

  private final JsonObject document;

  private OpenApiContract(JsonObject document) {
    this.document = document;
  }

  static OpenApiContract load() {
    try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(OpenApiEndpoint.RESOURCE)) {
      return new OpenApiContract(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonObject document() {
    return document;
  }

  Set<String> paths() {
    return document.getJsonObject("paths").fieldNames();
  }

  /**
   * The whole document with a {@code $ref} to one component at its root, so that the component's own references
   * ({@code #/components/schemas/...}) resolve within the document.
   */
  Validator validator(String component) {
    JsonObject schema = document.copy().put("$ref", "#/components/schemas/" + component);
    JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
        .setBaseUri("https://domo-preflight.dev/openapi.json");
    return Validator.create(JsonSchema.of(schema), options);
  }

  /** Fails with every violation when {@code body} does not match the component. */
  void assertValid(String component, Object body) {
    OutputUnit result = validator(component).validate(body);
    if (!result.getValid()) {
      throw new AssertionError(component + " does not describe " + body + ": " + result.toJson().encodePrettily());
    }
  }
}
