package io.agreement.api.refresh;

import io.agreement.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/agreement/refresh/status/}: how far live refresh is behind (SPEC 9). */
@Tag(name = "Live refresh", description = "Scores that follow the labeling")
@RestController
class RefreshController {

  private final RefreshStatusRepository repo;

  RefreshController(RefreshStatusRepository repo) {
    this.repo = repo;
  }

  @Operation(
      summary = "Live refresh backlog",
      description =
          "The organization's tasks waiting for a refresh, their projects and the oldest pending"
              + " mark's age, with the last sweep and reconciliation (which cover every"
              + " organization). Needs OWNER, ADMINISTRATOR or MANAGER.")
  @GetMapping({"/api/agreement/refresh/status", "/api/agreement/refresh/status/"})
  RefreshStatus status(Caller caller) {
    caller.requireManager();
    return repo.status(caller.organizationId());
  }
}
