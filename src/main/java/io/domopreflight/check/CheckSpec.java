package io.domopreflight.check;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The catalogue of checks: what each is called, what it needs and what it says when it passes. */
public enum CheckSpec {
  AUTHENTICATION("authentication", "Authentication", "Check successful. Authentication is working.", null),
  DATASETS("datasets", "Datasets API", "Check successful. Datasets API is working.", null),
  DASHBOARDS("dashboards", "Dashboards API", "Check successful. Dashboards API is working.", null),
  CARDS("cards", "Cards API", "Check successful. Cards API is working.", "cards"),
  CARD_DASHBOARD("card-dashboard", "Card-Dashboard Relationship API",
      "Check successful. The card-dashboard relationship API is working.", "cardPages"),
  DATASET_CARD("dataset-card", "Dataset-Card Relationship API",
      "Check successful. The dataset-card relationship API is working.", "cardDatasource");

  private final String id;
  private final String title;
  private final String successMessage;
  private final String domoStatsField;

  CheckSpec(String id, String title, String successMessage, String domoStatsField) {
    this.id = id;
    this.title = title;
    this.successMessage = successMessage;
    this.domoStatsField = domoStatsField;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String successMessage() {
    return successMessage;
  }

  /** The field of {@code domoStats} in the request that names this check's dataset, or {@code null}. */
  public String domoStatsField() {
    return domoStatsField;
  }

  /** Every check but authentication calls Domo with the token that authentication obtains. */
  public boolean needsToken() {
    return this != AUTHENTICATION;
  }

  public static Optional<CheckSpec> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(CheckSpec::id).toList();
  }
}
