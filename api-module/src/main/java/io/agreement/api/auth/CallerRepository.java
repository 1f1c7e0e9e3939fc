package io.agreement.api.auth;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resolves an API token to its user, the user's active organization and role there. */
final class CallerRepository {

  /** What the token lookup found; organization and role are null without an active membership. */
  record TokenOwner(long userId, String email, boolean active, Long organizationId, String role) {}

  private final JdbcClient jdbc;

  CallerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<TokenOwner> byToken(String key) {
    return jdbc.sql(
            """
            SELECT u.id, u.email, u.is_active, CAST(m.organization_id AS bigint),
                   coalesce(m.role, CASE WHEN o.created_by_id = u.id THEN 'OWNER' ELSE 'ANNOTATOR' END)
            FROM authtoken_token t
            JOIN htx_user u ON u.id = t.user_id
            LEFT JOIN organizations_organizationmember m
                   ON m.user_id = u.id AND m.organization_id = u.active_organization_id
                  AND m.deleted_at IS NULL
            LEFT JOIN organization o ON o.id = m.organization_id
            WHERE t.key = :key
            ORDER BY m.id
            LIMIT 1
            """)
        .param("key", key)
        .query(
            (rs, n) ->
                new TokenOwner(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getBoolean(3),
                    (Long) rs.getObject(4, Long.class),
                    rs.getString(5)))
        .optional();
  }
}
