package io.agreement.api.members;

import io.agreement.api.auth.Role;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Roles granted through this service, in agreement.member_role. */
final class MemberGrants {

  private final JdbcClient jdbc;
  private final Clock clock;

  MemberGrants(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void grant(long organizationId, long userId, Role role, long grantedBy) {
    jdbc.sql(
            """
            INSERT INTO agreement.member_role
                (organization_id, user_id, role, granted_by, granted_at)
            VALUES (:org, :user, :role, :by, :at)
            ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role,
                granted_by = excluded.granted_by, granted_at = excluded.granted_at
            """)
        .param("org", organizationId)
        .param("user", userId)
        .param("role", role.name())
        .param("by", grantedBy)
        .param("at", OffsetDateTime.now(clock))
        .update();
  }

  /** Whether there was a grant to remove. */
  boolean revoke(long organizationId, long userId) {
    return jdbc.sql(
                "DELETE FROM agreement.member_role WHERE organization_id = :org AND user_id = :user")
            .param("org", organizationId)
            .param("user", userId)
            .update()
        == 1;
  }
}
