package io.domopreflight.http;

import io.domopreflight.check.CheckSpec;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("The preflight page in a headless Chromium")
class PageBrowserTest {

  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final Duration RUN_TIME = Duration.ofSeconds(20);

  private static LiveService service;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
        "Browser test skipped: /usr/bin/chromedriver or /usr/bin/chromium is missing; "
            + "install them with apt-get install -y chromium chromium-driver");
    service = LiveService.start();
    browser = headlessChromium();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
  }

  @BeforeEach
  void openThePage() {
    browser.get(service.baseUrl() + "/");
    waitFor(RUN_TIME).until(d -> !d.findElements(By.cssSelector("input[name=checks]")).isEmpty());
  }

  @Test
  @DisplayName("runs a filled-in form to every check passed, and the run's link shows the same rows after a reload")
  void runsAFilledInFormAndReloadsTheRun() {
    JsonObject request = service.engine.scenario("all-passing");
    type("apiHost", request.getString("apiHost"));
    type("clientId", request.getString("clientId"));
    type("clientSecret", request.getString("clientSecret"));
    JsonObject stats = request.getJsonObject("domoStats");
    type("cards", stats.getString("cards"));
    type("cardPages", stats.getString("cardPages"));
    type("cardDatasource", stats.getString("cardDatasource"));

    browser.findElement(By.id("run")).click();
    Map<String, String> outcomes = awaitEveryRow();

    assertThat(outcomes).containsOnlyKeys(CheckSpec.ids()).allSatisfy((check, outcome) ->
        assertThat(outcome).isEqualTo("passed"));
    assertThat(verdict()).isEqualTo("passed");
    String link = browser.getCurrentUrl();
    assertThat(link).contains("#/runs/").doesNotContain(request.getString("clientSecret"));
    assertThat(storedSecrets()).isEqualTo(0L);

    browser.navigate().refresh();
    Map<String, String> reloaded = awaitEveryRow();

    assertThat(browser.getCurrentUrl()).isEqualTo(link);
    assertThat(reloaded).isEqualTo(outcomes);
    assertThat(browser.findElements(By.cssSelector("#rows tr"))).hasSize(CheckSpec.values().length);
  }

  @Test
  @DisplayName("fills the form from a demo scenario and shows a failed check with Domo's answer")
  void runsADemoScenario() {
    new Select(browser.findElement(By.id("scenario"))).selectByValue("wrong-secret");

    assertThat(browser.findElement(By.id("clientId")).getDomProperty("value")).isEqualTo("wrong-secret");
    assertThat(browser.findElement(By.id("clientSecret")).getDomAttribute("type")).isEqualTo("password");
    browser.findElement(By.id("run")).click();
    Map<String, String> outcomes = awaitEveryRow();

    assertThat(outcomes.get("authentication")).isEqualTo("failed");
    assertThat(verdict()).isEqualTo("failed");
    WebElement row = browser.findElement(By.cssSelector("tr[data-check=authentication]"));
    assertThat(row.findElement(By.cssSelector(".outcome")).getText()).contains("Failed");
    assertThat(row.findElements(By.cssSelector("details.response"))).hasSize(1);
  }

  @Test
  @DisplayName("fits a phone's width without sideways scrolling, results included")
  void fitsAPhone() {
    Dimension desktop = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(360, 740));
    try {
      new Select(browser.findElement(By.id("scenario"))).selectByValue("dataset-not-shared");
      browser.findElement(By.id("run")).click();
      awaitEveryRow();
      browser.findElements(By.cssSelector("details.response summary")).forEach(WebElement::click);

      Object overflow = ((JavascriptExecutor) browser).executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat((Long) overflow).isLessThanOrEqualTo(0L);
    } finally {
      browser.manage().window().setSize(desktop);
    }
  }

  @Test
  @DisplayName("shows the engine's field errors next to the form instead of running")
  void showsFieldErrors() {
    browser.findElement(By.id("run")).click();

    WebElement errors = waitFor(Duration.ofSeconds(5)).until(d -> {
      WebElement box = d.findElement(By.id("form-errors"));
      return box.isDisplayed() ? box : null;
    });

    assertThat(errors.getText()).contains("clientId").contains("clientSecret");
    assertThat(browser.findElement(By.id("clientId")).getDomAttribute("aria-invalid")).isEqualTo("true");
  }

  /** Waits until no row is pending and the verdict is in, then reads each row's outcome. */
  private static Map<String, String> awaitEveryRow() {
    waitFor(RUN_TIME).until(d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#rows tr[data-check]"));
      boolean settled = rows.size() == CheckSpec.values().length
          && rows.stream().noneMatch(r -> "pending".equals(r.getDomAttribute("data-outcome")));
      return settled && !"running".equals(verdict());
    });
    return browser.findElements(By.cssSelector("#rows tr[data-check]")).stream()
        .collect(Collectors.toMap(r -> r.getDomAttribute("data-check"), r -> r.getDomAttribute("data-outcome")));
  }

  private static String verdict() {
    return browser.findElement(By.id("verdict")).getDomAttribute("data-outcome");
  }

  private static long storedSecrets() {
    return (Long) ((JavascriptExecutor) browser).executeScript(
        "return localStorage.length + sessionStorage.length;");
  }

  private static void type(String id, String text) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  private static WebDriverWait waitFor(Duration timeout) {
    return new WebDriverWait(browser, timeout);
  }

  static WebDriver headlessChromium() {
    // An explicit driver and browser binary, so that Selenium Manager never tries to download either.
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1280,900");
    return new ChromeDriver(driver, options);
  }
}
