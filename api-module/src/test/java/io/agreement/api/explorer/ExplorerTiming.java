package io.agreement.api.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How long a project page takes to render in headless Chromium against a running service: run by
 * scripts/benchmark-ui.sh only (the name matches neither *Test nor *IT), with {@code explorer.url},
 * {@code explorer.token} and {@code explorer.project} set. A cold load fetches the page, its
 * modules and the chart library; a warm one is a navigation from the projects page. Both end when
 * every chart of the page is drawn.
 */
class ExplorerTiming {

  static final long BUDGET_MS = 1500;
  static final int RUNS = 5;

  private static final String UNTIL_DRAWN =
      """
      const done = arguments[arguments.length - 1];
      const start = arguments[0] ? performance.now() : 0;
      if (arguments[0]) location.hash = arguments[1];
      const charts = ['#iaa-chart', '#annotators-chart', '#distribution-chart', '#confusion-chart'];
      (function poll() {
        const main = document.getElementById('main');
        const drawn = main && main.dataset.renderMs && document.getElementById('confusion-table')
          && charts.every((c) => document.querySelector(c + ' canvas'));
        if (drawn) done(Math.round(performance.now() - start));
        else requestAnimationFrame(poll);
      })();
      """;

  @Test
  void a_project_page_renders_within_its_budget() {
    String url = required("explorer.url");
    String project = required("explorer.project");
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    try (Browser browser = new Browser(url)) {
      browser.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(60));
      browser.signIn(required("explorer.token"));
      browser.visible("#org-status");
      for (int run = 0; run <= RUNS; run++) {
        browser.open("#/projects/" + project);
        browser.driver.navigate().refresh();
        long coldMs = (Long) browser.driver.executeAsyncScript(UNTIL_DRAWN, false, "");
        browser.open("#/projects");
        browser.visible("#projects-table");
        long warmMs =
            (Long) browser.driver.executeAsyncScript(UNTIL_DRAWN, true, "#/projects/" + project);
        if (run > 0) {
          cold.add(coldMs);
          warm.add(warmMs);
        }
      }
      browser.screenshot("benchmark-project");
      System.out.printf(
          "project page, cold load ms=%s warm navigation ms=%s render (data to DOM) ms=%s%n",
          cold, warm, browser.find("#main").getAttribute("data-render-ms"));
      assertThat(browser.console()).isEmpty();
    }
    assertThat(cold).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(BUDGET_MS));
    assertThat(warm).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(BUDGET_MS));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property " + property).isNotBlank();
    return value;
  }
}
