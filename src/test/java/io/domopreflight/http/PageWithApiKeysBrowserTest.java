package io.domopreflight.http;

import io.domopreflight.check.CheckSpec;
import io.domopreflight.sim.SimulatorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("The preflight page, when the service requires an API key")
class PageWithApiKeysBrowserTest {

  private static final String KEY = "page-key-0123456789";
  private static final Duration RUN_TIME = Duration.ofSeconds(20);

  private static LiveService service;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PageBrowserTest.CHROMEDRIVER.canExecute() && PageBrowserTest.CHROMIUM.canExecute(),
        "Browser test skipped: chromium or chromedriver is missing");
    service = LiveService.start(SimulatorConfig.defaults(),
        new JsonObject().put("auth.apiKeys", new JsonArray().add(KEY)));
    browser = PageBrowserTest.headlessChromium();
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

  @Test
  @DisplayName("runs with the key typed into the page, follows the events by stream token, and keeps the key nowhere")
  void runsWithAKey() {
    browser.get(service.baseUrl() + "/");
    type("apiKey", KEY);
    // The key field's change event loads what the page could not load without a key.
    browser.findElement(By.id("clientId")).click();
    waitFor().until(d -> !d.findElements(By.cssSelector("input[name=checks]")).isEmpty());
    new Select(browser.findElement(By.id("scenario"))).selectByValue("all-passing");

    browser.findElement(By.id("run")).click();
    waitFor().until(d -> "passed".equals(d.findElement(By.id("verdict")).getDomAttribute("data-outcome")));

    List<WebElement> rows = browser.findElements(By.cssSelector("#rows tr[data-check]"));
    assertThat(rows).hasSize(CheckSpec.values().length)
        .allSatisfy(row -> assertThat(row.getDomAttribute("data-outcome")).isEqualTo("passed"));
    String link = browser.getCurrentUrl();
    assertThat(link).contains("#/runs/").doesNotContain(KEY);
    assertThat(((JavascriptExecutor) browser).executeScript("return localStorage.length + sessionStorage.length;"))
        .isEqualTo(0L);

    // After a reload the key is gone with the page: the run needs it again.
    browser.navigate().refresh();
    WebElement problem = waitFor().until(d -> {
      WebElement box = d.findElement(By.id("form-errors"));
      return box.isDisplayed() ? box : null;
    });
    assertThat(problem.getText()).contains("API key");
    type("apiKey", KEY);
    browser.findElement(By.id("clientId")).click();
    waitFor().until(d -> "passed".equals(d.findElement(By.id("verdict")).getDomAttribute("data-outcome")));
  }

  private static void type(String id, String text) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  private static WebDriverWait waitFor() {
    return new WebDriverWait(browser, RUN_TIME);
  }
}
