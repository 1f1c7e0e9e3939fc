package io.agreement.api.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.PersonalAccessTokens;
import io.agreement.api.support.TestData;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The explorer in headless Chromium on generated data backfilled by a real worker: every page is
 * opened as a person opens it and the numbers it shows are checked against the API's answers. The
 * console must stay free of errors wherever no failure is provoked on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserIT extends IntegrationTest {

  static final String LABEL_STUDIO = "http://labelstudio.example";

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("agreement.label-studio.url", () -> LABEL_STUDIO);
  }

  static final String CHOICES =
      """
      <View><Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text"><Choice value="Yes"/><Choice value="No"/></Choices>
      </View>""";

  private WorkerProcess worker;
  private Browser browser;
  private GeneratedOrganization org;
  private ApiClient owner;
  private long project;

  @BeforeAll
  void backfilledOrganization() {
    worker = WorkerProcess.start(ENV, "explorer-browser", Map.of());
    org = new TestData(dataSource).organization(3, 40, 4, 0);
    owner = api(org.token());
    project = org.projectIds().stream().sorted().findFirst().orElseThrow();
    assertThat(owner.post("/api/dimensions/backfill/", "{\"all_projects\": true}").status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                owner
                        .get("/api/dimensions/backfill/status/")
                        .body()
                        .at("/org_status/completed")
                        .asLong()
                    == 3);
    browser = new Browser("http://localhost:" + port);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    worker.close();
  }

  @AfterEach
  void drainConsole() {
    browser.console();
  }

  @Test
  @Order(1)
  void a_wrong_token_brings_the_prompt_back_with_the_services_message() {
    browser.driver.get("http://localhost:" + port + "/");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/ui/");
    browser.signIn("not-a-real-token");
    String detail = owner.as("not-a-real-token").get("/api/agreement/me/").detail();
    browser.waitForText("#sign-in-message", detail);
    assertThat(browser.visible("#sign-in").isDisplayed()).isTrue();
    assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    browser.screenshot("01-sign-in-refused");
  }

  @Test
  @Order(2)
  void the_organization_page_counts_projects_and_tasks_as_the_api_does() {
    browser.signIn(org.token());
    browser.visible("#state-table");
    JsonNode status = owner.get("/api/dimensions/backfill/status/").body();
    JsonNode progress = owner.get("/api/agreement/progress/").body();
    assertThat(cell("#state-table", "Completed", 1)).isEqualTo("3");
    assertThat(cell("#state-table", "Not started", 1))
        .isEqualTo(status.at("/org_status/not_started").asString());
    assertThat(number(browser.text("#tasks-processed")))
        .isEqualTo(progress.get("tasks_processed").asDouble());
    assertThat(number(browser.text("#tasks-total")))
        .isEqualTo(progress.get("tasks_total").asDouble());
    JsonNode jobs = owner.get("/api/dimensions/backfill/jobs/?page_size=20").body();
    assertThat(browser.all("#jobs-table tbody tr")).hasSize(jobs.get("results").size());
    assertThat(browser.find("#backfill-all").isEnabled()).isTrue();
    assertThat(browser.find("#who").getText()).contains(org.ownerEmail()).contains("OWNER");
    browser.screenshot("02-organization");
    assertThat(browser.console()).isEmpty();
  }

  @Test
  @Order(3)
  void backfilling_all_projects_asks_first_and_the_jobs_table_filters_by_status() {
    browser.signIn(org.token());
    browser.visible("#backfill-all").click();
    browser.visible("#confirm-text");
    assertThat(browser.text("#confirm-text")).contains("cancels");
    browser.find("#confirm-no").click();
    browser.visible("#job-status");
    new org.openqa.selenium.support.ui.Select(browser.find("#job-status")).selectByValue("FAILED");
    browser.waitForText("#jobs", "No jobs.");
    new org.openqa.selenium.support.ui.Select(browser.find("#job-status"))
        .selectByValue("COMPLETED");
    browser.until("three completed jobs", () -> browser.all("#jobs-table tbody tr").size() == 3);
    assertThat(browser.console()).isEmpty();
  }

  @Test
  @Order(4)
  void the_projects_page_shows_each_projects_agreement_sorts_and_filters() {
    browser.signIn(org.token());
    browser.visible("#state-table");
    browser.find("a[data-nav=projects]").click();
    browser.visible("#projects-table");
    List<JsonNode> api = results(owner.get("/api/agreement/projects/").body());
    assertThat(browser.all("#projects-table tbody tr")).hasSize(api.size());
    for (JsonNode p : api) {
      WebElement row = browser.find("tr[data-project='" + p.get("project_id").asLong() + "']");
      List<WebElement> cells = row.findElements(By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo(p.get("title").asString());
      assertThat(number(cells.get(2).getText()))
          .isCloseTo(p.get("agreement").asDouble(), within(0.0006));
      assertThat(number(cells.get(3).getText())).isEqualTo(p.get("tasks_scored").asDouble());
      assertThat(cells.get(4).getText()).isEqualTo("COMPLETED");
      assertThat(cells.get(6).getText()).isEqualTo("yes");
    }
    browser.find("button[data-sort=agreement]").click();
    browser.until("sorted up", () -> "agreement".equals(sortedBy()));
    browser.find("button[data-sort=agreement]").click();
    browser.until("sorted down", () -> "-agreement".equals(sortedBy()));
    List<Long> down =
        results(owner.get("/api/agreement/projects/?ordering=-agreement").body()).stream()
            .map(p -> p.get("project_id").asLong())
            .toList();
    assertThat(shownProjects()).isEqualTo(down);
    browser.screenshot("03-projects");
    browser.visible("#title-filter").sendKeys("Project 2");
    browser.until("one project left", () -> browser.all("#projects-table tbody tr").size() == 1);
    assertThat(browser.find("#projects-table tbody td a").getText()).isEqualTo("Project 2");
    browser.find("#title-filter").clear();
    browser.find("#title-filter").sendKeys("no such title");
    browser.waitForText("#projects-body", "No project matches.");
    browser.find("#title-filter").clear();
    browser.find("#title-filter").sendKeys("Project");
    browser.until("all back", () -> browser.all("#projects-table tbody tr").size() == 3);
    assertThat(browser.console()).isEmpty();
  }

  @Test
  @Order(5)
  void the_project_page_shows_the_apis_numbers_charts_links_and_the_csv() {
    browser.signIn(org.token());
    browser.visible("#state-table");
    browser.open("#/projects");
    browser.visible("#projects-table");
    browser.driver.findElement(By.linkText("Project 1")).click();
    browser.visible("#tags-table");
    String base = "/api/projects/" + project;
    JsonNode summary = owner.get(base + "/agreement/").body();
    assertThat(number(browser.text("#overall")))
        .isCloseTo(summary.get("agreement").asDouble(), within(0.0006));
    assertThat(number(browser.text("#tasks-scored")))
        .isEqualTo(summary.get("tasks_scored").asDouble());
    assertTags(summary.get("control_tags"));
    assertIaa(owner.get(base + "/stats/IAA").body());
    assertAnnotators(summary.get("annotators"));
    JsonNode distribution =
        owner.get(base + "/analytics/data-quality/agreement-analysis/distribution").body();
    assertThat(number(browser.text("#distribution-total")))
        .isEqualTo(distribution.get("total_tasks").asDouble());
    assertThat(number(browser.text("#average")))
        .isCloseTo(distribution.get("average_agreement").asDouble(), within(0.0006));
    assertThat(number(browser.text("#low-count")))
        .isEqualTo(distribution.get("low_agreement_count").asDouble());
    assertLowest(owner.get("/api/agreement/projects/" + project + "/lowest-tasks/").body());
    browser.present("#confusion-table");
    open("#confusion details");
    assertThat(browser.all("#confusion-table tbody tr")).isNotEmpty();
    for (String chart :
        List.of("#iaa-chart", "#annotators-chart", "#distribution-chart", "#confusion-chart")) {
      browser.until(chart + " drawn", () -> !browser.all(chart + " canvas").isEmpty());
    }
    String csv = browser.find("#csv-link").getAttribute("href");
    assertThat(csv).endsWith(base + "/agreement/tasks/?format=csv");
    assertThat(owner.get(base + "/agreement/tasks/?format=csv").raw()).startsWith("task_id");
    long renderMs = Long.parseLong(browser.find("#main").getAttribute("data-render-ms"));
    assertThat(renderMs).isLessThan(5000);
    browser.screenshot("04-project");
    assertThat(browser.console()).isEmpty();
  }

  @Test
  @Order(6)
  void a_refused_setting_shows_the_services_message_next_to_its_field() {
    browser.signIn(org.token());
    browser.visible("#state-table");
    browser.open("#/projects/" + project);
    WebElement threshold = browser.visible("#settings-project-agreement_threshold");
    threshold.clear();
    threshold.sendKeys("1.5");
    browser.find("#settings-project button[type=submit]").click();
    String detail =
        owner
            .patch(
                "/api/projects/" + project + "/agreement/settings/",
                "{\"agreement_threshold\": 1.5}")
            .detail();
    browser.waitForText("#settings-project-agreement_threshold-error", detail);
    assertThat(threshold.getAttribute("aria-invalid")).isEqualTo("true");
    browser.script("document.getElementById('settings').scrollIntoView()");
    browser.screenshot("05-settings-refused");
  }

  @Test
  @Order(7)
  void the_task_page_shows_per_tag_scores_and_the_annotation_matrix() {
    browser.signIn(org.token());
    browser.visible("#state-table");
    browser.open("#/projects/" + project);
    browser.visible("#lowest-table");
    WebElement first = browser.find("#lowest-table tbody tr td a");
    String task = first.getText();
    first.click();
    browser.visible("#task-tags-table");
    JsonNode detail =
        owner.get("/api/projects/" + project + "/tasks/" + task + "/agreement/").body();
    assertThat(number(browser.text("#task-agreement")))
        .isCloseTo(detail.get("agreement").asDouble(), within(0.0006));
    List<WebElement> rows = browser.all("#task-tags-table tbody tr");
    assertThat(rows).hasSize(detail.get("control_tags").size());
    for (WebElement row : rows) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      JsonNode value = detail.get("control_tags").get(cells.get(0).getText());
      assertThat(number(cells.get(1).getText())).isCloseTo(value.asDouble(), within(0.0006));
    }
    int annotations = detail.at("/matrix/annotation_ids").size();
    assertThat(browser.all("#task-matrix-table tbody tr")).hasSize(annotations);
    browser.until("matrix drawn", () -> !browser.all("#task-matrix-chart canvas").isEmpty());
    assertThat(browser.find(".task-url").getAttribute("href"))
        .isEqualTo(detail.get("task_url").asString());
    browser.screenshot("06-task");
    assertThat(browser.console()).isEmpty();
  }

  @Test
  @Order(8)
  void a_personal_access_token_signs_in_through_the_token_refresh() {
    String pat = new PersonalAccessTokens(data.jdbc(), LABEL_STUDIO_SECRET).create(org.ownerId());
    browser.signIn(pat);
    browser.visible("#state-table");
    assertThat(browser.find("#who").getText()).contains(org.ownerEmail());
    browser.open("#/projects/" + project);
    browser.visible("#tags-table");
    assertThat(browser.console()).isEmpty();
  }

  @Test
  @Order(9)
  void a_manager_reads_results_but_sees_no_enabled_action() {
    browser.signIn(data.member(org.organizationId(), "MANAGER"));
    browser.waitForText("#org-status", "need the OWNER or ADMINISTRATOR role");
    for (String action : List.of("#backfill-all", "#cancel-jobs", "#num-projects")) {
      assertThat(browser.find(action).isEnabled()).as(action).isFalse();
    }
    browser.screenshot("07-manager-organization");
    browser.open("#/projects/" + project);
    browser.visible("#tags-table");
    assertThat(browser.find("#recompute").isEnabled()).isFalse();
    assertThat(browser.find("#settings-project-methodology").isEnabled()).isFalse();
    assertThat(browser.console()).isEmpty();
  }

  @Test
  @Order(10)
  void an_action_refused_with_403_says_which_role_it_needs() {
    String token = data.member(org.organizationId(), "ADMINISTRATOR");
    long user =
        data.jdbc()
            .sql("SELECT user_id FROM authtoken_token WHERE key = :k")
            .param("k", token)
            .query(Long.class)
            .single();
    browser.signIn(token);
    browser.visible("#state-table");
    data.grant(org.organizationId(), user, "REVIEWER");
    browser.find("#backfill-next button").click();
    browser.waitForText(
        "#action-outcome", "Not allowed: This needs the OWNER or ADMINISTRATOR role");
    browser.screenshot("08-forbidden-action");
  }

  @Test
  @Order(11)
  void a_network_failure_shows_a_retry_banner_and_retry_recovers() {
    browser.signIn(org.token());
    browser.visible("#state-table");
    browser.offline(true);
    browser.open("#/projects");
    browser.visible("#banner");
    assertThat(browser.text("#banner-text")).contains("Could not reach the service");
    browser.screenshot("09-network-error");
    browser.offline(false);
    browser.find("#banner-retry").click();
    browser.visible("#projects-table");
    assertThat(browser.find("#banner").isDisplayed()).isFalse();
  }

  @Test
  @Order(12)
  void a_project_never_backfilled_says_so_instead_of_showing_empty_charts() {
    long fresh = data.projectWithConfig(org.organizationId(), CHOICES);
    browser.signIn(org.token());
    browser.visible("#state-table");
    browser.open("#/projects/" + fresh);
    browser.visible("#tags-table");
    assertThat(browser.text("#overall")).isEqualTo("–");
    assertThat(browser.text("#iaa")).contains("No two annotators share a scored task yet.");
    assertThat(browser.text("#lowest")).contains("No scored task yet.");
    assertThat(browser.text("#distribution-total")).isEqualTo("0");
    assertThat(browser.console()).isEmpty();
  }

  private String cell(String table, String rowLabel, int column) {
    for (WebElement row : browser.all(table + " tbody tr")) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      if (cells.get(0).getText().trim().equals(rowLabel)) {
        return cells.get(column).getText().trim();
      }
    }
    throw new AssertionError("No row " + rowLabel + " in " + table);
  }

  private void assertTags(JsonNode tags) {
    List<WebElement> rows = browser.all("#tags-table tbody tr");
    assertThat(rows).hasSize(tags.size());
    for (int i = 0; i < tags.size(); i++) {
      JsonNode tag = tags.get(i);
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo(tag.get("name").asString());
      assertThat(cells.get(2).getText()).isEqualTo(tag.get("metric").asString());
      assertThat(cells.get(3).getText()).isEqualTo(tag.get("methodology").asString());
      assertThat(number(cells.get(5).getText()))
          .isCloseTo(tag.get("agreement").asDouble(), within(0.0006));
      JsonNode alpha = tag.get("krippendorff_alpha");
      if (alpha.isNull()) {
        assertThat(cells.get(7).getText()).isEqualTo("–");
      } else {
        assertThat(number(cells.get(7).getText())).isCloseTo(alpha.asDouble(), within(0.0006));
        double a = alpha.asDouble();
        assertThat(cells.get(8).getText())
            .isEqualTo(a >= 0.8 ? "reliable" : a >= 0.667 ? "tentative" : "not reliable");
      }
    }
  }

  private void assertIaa(JsonNode iaa) {
    open("#iaa details");
    List<WebElement> rows = browser.all("#iaa-table tbody tr");
    assertThat(rows).hasSize(iaa.get("users").size());
    for (int i = 0; i < rows.size(); i++) {
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      for (int j = 0; j < cells.size(); j++) {
        String shown = cells.get(j).getText();
        JsonNode value = iaa.get("IAA").get(i).get(j);
        assertThat(shown).endsWith("(" + iaa.get("common_tasks").get(i).get(j).asLong() + ")");
        if (!value.isNull()) {
          assertThat(number(shown.substring(0, shown.indexOf(' '))))
              .isCloseTo(value.asDouble(), within(0.0006));
        }
      }
    }
  }

  private void assertAnnotators(JsonNode annotators) {
    open("#annotators details");
    List<WebElement> rows = browser.all("#annotators-table tbody tr");
    assertThat(rows).hasSize(annotators.size());
    for (int i = 0; i < rows.size(); i++) {
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      assertThat(number(cells.get(1).getText()))
          .isEqualTo(annotators.get(i).get("user_id").asDouble());
      assertThat(number(cells.get(2).getText()))
          .isCloseTo(annotators.get(i).get("agreement").asDouble(), within(0.0006));
    }
  }

  private void assertLowest(JsonNode lowest) {
    List<WebElement> rows = browser.all("#lowest-table tbody tr");
    assertThat(rows).hasSize(lowest.size());
    for (int i = 0; i < rows.size(); i++) {
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo(lowest.get(i).get("task_id").asString());
      String url = cells.get(3).findElement(By.tagName("a")).getAttribute("href");
      assertThat(url)
          .isEqualTo(lowest.get(i).get("task_url").asString())
          .startsWith(LABEL_STUDIO + "/projects/" + project + "/data?task=");
    }
  }

  private void open(String details) {
    browser.script("document.querySelector(arguments[0]).open = true", details);
  }

  private String sortedBy() {
    String loaded = browser.find("#projects-body").getAttribute("data-loaded");
    return loaded == null
        ? null
        : java.net.URLDecoder.decode(
            loaded.replaceAll(".*ordering=([^&]*).*", "$1"),
            java.nio.charset.StandardCharsets.UTF_8);
  }

  private List<Long> shownProjects() {
    return browser.all("#projects-table tbody tr").stream()
        .map(r -> Long.parseLong(r.getAttribute("data-project")))
        .toList();
  }

  private static List<JsonNode> results(JsonNode page) {
    return StreamSupport.stream(page.get("results").spliterator(), false).toList();
  }

  private static double number(String shown) {
    return Double.parseDouble(shown.replace(",", "").trim());
  }
}
