package io.domopreflight.check;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.domopreflight.check.Category.CONFIGURATION;
import static io.domopreflight.check.Category.CREDENTIALS;
import static io.domopreflight.check.Category.DATA;
import static io.domopreflight.check.Category.INTERNAL;
import static io.domopreflight.check.Category.NETWORK;
import static io.domopreflight.check.Category.PERMISSION;
import static io.domopreflight.check.Category.RATE_LIMIT;
import static io.domopreflight.check.Category.TIMEOUT;
import static io.domopreflight.check.Category.UNAVAILABLE;
import static io.domopreflight.check.Outcome.ERROR;
import static io.domopreflight.check.Outcome.FAILED;
import static io.domopreflight.check.Outcome.SKIPPED;

/**
 * Every way a check can end other than passing: outcome, category, message and hint. This one table feeds the
 * results and the troubleshooting guide, so the two cannot drift apart. Placeholders such as {@code {scope}} are
 * filled from the check's findings; {@code {title}} is the check's title.
 */
public enum Verdict {
  BAD_CREDENTIALS(FAILED, CREDENTIALS,
      "Check failed. Domo refused the client ID or client secret.",
      "Copy the client ID and secret again from the Domo client you created (developer.domo.com > My Account > "
          + "Manage Clients); create a new client if the secret was lost."),
  TOKEN_REQUEST_REFUSED(FAILED, CREDENTIALS,
      "Check failed. Domo refused the token request (HTTP {status}).",
      "Check that the client exists and is enabled and was granted the data and dashboard scopes; "
          + "ask your Domo admin to recreate it if needed."),
  INSTANCE_HOST(FAILED, CONFIGURATION,
      "Check failed. The token endpoint at {apiHost} answered with a web page, not a token: this looks like a Domo "
          + "instance host, not the API host.",
      "Set the API host to api.domo.com (the Platform API), not your instance address such as acme.domo.com."),
  NOT_A_DOMO_API(FAILED, CONFIGURATION,
      "Check failed. {apiHost} answered {endpoint} with something that is not Domo's API.",
      "Set the API host to api.domo.com and make sure no proxy rewrites the answers."),
  TOKEN_REJECTED(FAILED, CREDENTIALS,
      "Check failed. Domo refused the access token on {endpoint}, even after renewing it once.",
      "Check that the client still exists and is enabled in Domo; then run the preflight again."),
  MISSING_SCOPE(FAILED, PERMISSION,
      "Check failed. The client lacks the '{scope}' scope that {endpoint} needs.",
      "Edit the client in Domo (developer.domo.com > My Account > Manage Clients) and grant the '{scope}' scope; "
          + "the crawl needs both data and dashboard."),
  ACCESS_DENIED(FAILED, PERMISSION,
      "Check failed. Domo denied access to {endpoint}.",
      "The client acts as the Domo user who created it; that user needs the Admin role (or the rights to list "
          + "DataSets and pages). Ask your Domo admin to create the client."),
  DATASET_ID_MISSING(FAILED, CONFIGURATION,
      "Check failed. No DomoStats dataset ID was given for {title}.",
      "Fill domoStats.{field} with the ID of the DomoStats '{report}' report: open the DataSet in Domo and copy the "
          + "ID from its URL (…/datasource/<id>/details/overview)."),
  DATASET_ID_INVALID(FAILED, CONFIGURATION,
      "Check failed. '{given}' is not a Domo DataSet ID.",
      "Paste the DataSet ID (a UUID such as 0b6a1c3e-0000-4000-8000-000000000001) or the DataSet's Domo URL "
          + "into domoStats.{field}."),
  DATASET_NOT_FOUND(FAILED, CONFIGURATION,
      "Check failed. Domo has no DataSet {datasetId} that this client can see.",
      "Check the ID in domoStats.{field} against the DomoStats '{report}' report's URL; if it is right, share the "
          + "DataSet with the user who owns the client."),
  DATASET_NOT_SHARED(FAILED, PERMISSION,
      "Check failed. The client may not read DataSet {datasetId}.",
      "Share the DomoStats '{report}' DataSet with the Domo user who owns the client (DomoStats DataSets are "
          + "created by an admin and are not shared automatically)."),
  WRONG_REPORT(FAILED, CONFIGURATION,
      "Check failed. DataSet {datasetId} is the DomoStats '{found}' report, not '{report}'.",
      "Put the ID of the '{report}' report in domoStats.{field}; the '{found}' report belongs in {foundField}."),
  LEGACY_REPORT(FAILED, CONFIGURATION,
      "Check failed. DataSet {datasetId} is the legacy '{found}' report, not '{report}'.",
      "In the DomoStats connector, create the current '{report}' report and put its DataSet ID in "
          + "domoStats.{field}; legacy reports have other columns."),
  MISSING_COLUMNS(FAILED, DATA,
      "Check failed. DataSet {datasetId} lacks the column(s) {missing}; found {found}.",
      "Use the DomoStats '{report}' report, which has {expected}; do not rename or drop its columns in a "
          + "Magic ETL or view."),
  EMPTY_REPORT(FAILED, DATA,
      "Check failed. The DomoStats '{report}' report {datasetId} has the right columns but no rows yet.",
      "Run the DomoStats connector for this report now (Data Center > the DataSet > Run now) or wait for its "
          + "schedule, then run the preflight again."),
  RATE_LIMITED(ERROR, RATE_LIMIT,
      "Check failed. Domo rate-limited {endpoint} and asked to wait longer than the time left.",
      "Wait a minute and run the preflight again; if it persists, another job is using up this client's quota."),
  DOMO_UNAVAILABLE(ERROR, UNAVAILABLE,
      "Check failed. Domo answered {endpoint} with HTTP {status}, also on a second try.",
      "Domo is having trouble; check status.domo.com and run the preflight again later."),
  INCOMPLETE_ANSWER(ERROR, UNAVAILABLE,
      "Check failed. Domo's answer to {endpoint} was cut off or not valid JSON.",
      "Run the preflight again; if it keeps happening, a proxy between here and Domo may be cutting answers."),
  TIMEOUT_REACHED(ERROR, TIMEOUT,
      "Check failed. Domo did not answer {endpoint} within {timeoutMs} ms.",
      "Run the preflight again; if Domo stays this slow, raise the check timeout or check the network path."),
  HOST_NOT_ALLOWED(FAILED, CONFIGURATION,
      "Check failed. {detail}.",
      "Use Domo's API host, api.domo.com. To reach a loopback or private address on purpose (a test server, an "
          + "internal proxy), list its IP literal in domo.allowedHosts and use that literal as the API host."),
  NETWORK_FAILURE(ERROR, NETWORK,
      "Check failed. {detail}.",
      "Check the API host, DNS, proxy and firewall rules from this server to {apiHost}."),
  CHECK_UNAVAILABLE(ERROR, UNAVAILABLE,
      "Check failed. No node could run the {title} check: {detail}.",
      "Make sure every node runs the same version of domo-preflight with all checks deployed, then run again."),
  COORDINATOR_LOST(ERROR, UNAVAILABLE,
      "Check failed. The node coordinating this run left the cluster before {title} had an answer.",
      "Run the preflight again; a node that is up will take it. If nodes keep leaving, check their memory and the "
          + "network between them."),
  NODE_STOPPED(ERROR, UNAVAILABLE,
      "Check failed. The node running this preflight was stopped before {title} had an answer.",
      "Run the preflight again; the service was shutting down. If this happens on every deploy, give it a "
          + "shutdown.graceSeconds of at least run.deadlineMs."),
  INTERNAL_ERROR(ERROR, INTERNAL,
      "Check failed. The {title} check stopped on an unexpected error.",
      "Run the preflight again; if it repeats, report it with the run ID from the service log."),
  SKIPPED_AFTER_AUTHENTICATION(SKIPPED, null,
      "Check skipped. Authentication did not pass, so {title} was not called.",
      "Fix the authentication problem first; this check runs once a token is granted.");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final Outcome outcome;
  private final Category category;
  private final String message;
  private final String hint;

  Verdict(Outcome outcome, Category category, String message, String hint) {
    this.outcome = outcome;
    this.category = category;
    this.message = message;
    this.hint = hint;
  }

  public Outcome outcome() {
    return outcome;
  }

  public Category category() {
    return category;
  }

  public String messageTemplate() {
    return message;
  }

  public String hintTemplate() {
    return hint;
  }

  /** This verdict for a check, with the placeholders filled from {@code facts}. */
  public CheckResult of(CheckSpec check, Map<String, ?> facts, Integer httpStatus, String response,
                        JsonObject evidence) {
    return new CheckResult(check.id(), check.title(), outcome, fill(message, check, facts), category, httpStatus,
        response, fill(hint, check, facts), 0, evidence == null ? new JsonObject() : evidence);
  }

  public CheckResult of(CheckSpec check, Map<String, ?> facts) {
    return of(check, facts, null, null, null);
  }

  private static String fill(String template, CheckSpec check, Map<String, ?> facts) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Object value = name.equals("title") ? check.title() : facts.get(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "?" : value.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
