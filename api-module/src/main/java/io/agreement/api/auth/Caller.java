package io.agreement.api.auth;

import io.agreement.api.web.ApiException;

/** The authenticated user and the organization every query of this request is scoped to. */
public record Caller(long userId, String email, long organizationId, Role role) {

  /** Triggering, cancelling and changing settings: owners and administrators. */
  public void requireAdmin() {
    if (role != Role.OWNER && role != Role.ADMINISTRATOR) {
      throw ApiException.forbidden(
          "This needs the OWNER or ADMINISTRATOR role in organization "
              + organizationId
              + "; your role is "
              + role);
    }
  }

  /** Watching the organization's work: owners, administrators and managers. */
  public void requireManager() {
    if (role != Role.OWNER && role != Role.ADMINISTRATOR && role != Role.MANAGER) {
      throw ApiException.forbidden(
          "This needs the OWNER, ADMINISTRATOR or MANAGER role in organization "
              + organizationId
              + "; your role is "
              + role);
    }
  }

  /** Reading results: every role but annotators. */
  public void requireReader() {
    if (role == Role.ANNOTATOR) {
      throw ApiException.forbidden(
          "Annotators cannot read agreement results; ask a manager or administrator");
    }
  }
}
