package io.agreement.common.labelstudio;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users, their tokens and memberships in Label Studio's tables, with the service's own role grants.
 * The SQL adapts to what the database has ({@link LabelStudioSchema}).
 */
public final class LabelStudioAccounts {

  /**
   * Label Studio's defaults for an organization without a jwt_auth_jwtsettings row (the row is
   * created with them on first access), and for versions before that table existed.
   */
  private static final String LEGACY_DEFAULT_WITH_TABLE = "false";

  private static final String LEGACY_DEFAULT_WITHOUT_TABLE = "true";

  private final JdbcClient jdbc;
  private final LabelStudioSchema schema;
  private final String select;

  public LabelStudioAccounts(JdbcClient jdbc, LabelStudioSchema schema) {
    this.jdbc = jdbc;
    this.schema = schema;
    this.select = select(schema);
  }

  /** The owner of a legacy API key (authtoken_token). */
  public Optional<Account> byLegacyKey(String key) {
    return jdbc.sql(
            select + " WHERE u.id = (SELECT t.user_id FROM authtoken_token t WHERE t.key = :key)")
        .param("key", key)
        .query(LabelStudioAccounts::account)
        .optional();
  }

  public Optional<Account> byUserId(long userId) {
    return jdbc.sql(select + " WHERE u.id = :user")
        .param("user", userId)
        .query(LabelStudioAccounts::account)
        .optional();
  }

  /** Whether Label Studio has revoked the refresh token with this jti. */
  public boolean blacklisted(String jti) {
    if (!schema.tokenBlacklist()) {
      return false;
    }
    return jdbc.sql(
            """
            SELECT EXISTS (SELECT 1 FROM token_blacklist_outstandingtoken o
                           JOIN token_blacklist_blacklistedtoken b ON b.token_id = o.id
                           WHERE o.jti = :jti)
            """)
        .param("jti", jti)
        .query(Boolean.class)
        .single();
  }

  /**
   * A page of the organization's active members, by user id.
   *
   * @param userId only this user when not null
   */
  public List<Member> members(long organizationId, Long userId, int offset, int limit) {
    return jdbc.sql(
            """
            SELECT u.id, u.email, u.first_name, u.last_name, (o.created_by_id = u.id), %s, g.role
            FROM organizations_organizationmember m
            JOIN htx_user u ON u.id = m.user_id
            JOIN organization o ON o.id = m.organization_id
            LEFT JOIN agreement.member_role g
                   ON g.organization_id = m.organization_id AND g.user_id = u.id
            WHERE m.organization_id = :org AND m.deleted_at IS NULL AND u.is_active
              AND (CAST(:user AS bigint) IS NULL OR u.id = :user)
              AND m.id = (SELECT min(m2.id) FROM organizations_organizationmember m2
                          WHERE m2.user_id = m.user_id AND m2.organization_id = m.organization_id
                            AND m2.deleted_at IS NULL)
            ORDER BY u.id OFFSET :offset LIMIT :limit
            """
                .formatted(roleColumn(schema)))
        .param("org", organizationId)
        .param("user", userId)
        .param("offset", offset)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Member(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getString(6),
                    rs.getString(7)))
        .list();
  }

  public long countMembers(long organizationId) {
    return jdbc.sql(
            """
            SELECT count(DISTINCT m.user_id) FROM organizations_organizationmember m
            JOIN htx_user u ON u.id = m.user_id
            WHERE m.organization_id = :org AND m.deleted_at IS NULL AND u.is_active
            """)
        .param("org", organizationId)
        .query(Long.class)
        .single();
  }

  /** A member of an organization, as the members list shows it. */
  public record Member(
      long userId,
      String email,
      String firstName,
      String lastName,
      boolean creator,
      String labelStudioRole,
      String grantedRole) {}

  private static String select(LabelStudioSchema schema) {
    String settings =
        schema.jwtSettings()
            ? "LEFT JOIN jwt_auth_jwtsettings s ON s.organization_id = m.organization_id"
            : "";
    String legacy =
        schema.jwtSettings()
            ? "coalesce(s.legacy_api_tokens_enabled, " + LEGACY_DEFAULT_WITH_TABLE + ")"
            : LEGACY_DEFAULT_WITHOUT_TABLE;
    String api = schema.jwtSettings() ? "coalesce(s.api_tokens_enabled, true)" : "true";
    return """
        SELECT u.id, u.email, u.is_active, CAST(m.organization_id AS bigint),
               coalesce(o.created_by_id = u.id, false), %s, g.role, %s, %s
        FROM htx_user u
        LEFT JOIN LATERAL (
          SELECT * FROM organizations_organizationmember m
          WHERE m.user_id = u.id AND m.organization_id = u.active_organization_id
            AND m.deleted_at IS NULL
          ORDER BY m.id LIMIT 1
        ) m ON true
        LEFT JOIN organization o ON o.id = m.organization_id
        LEFT JOIN agreement.member_role g
               ON g.organization_id = m.organization_id AND g.user_id = u.id
        %s
        """
        .formatted(roleColumn(schema), legacy, api, settings);
  }

  private static String roleColumn(LabelStudioSchema schema) {
    return schema.memberRoleColumn() ? "CAST(m.role AS text)" : "CAST(NULL AS text)";
  }

  private static Account account(ResultSet rs, int n) throws SQLException {
    return new Account(
        rs.getLong(1),
        rs.getString(2),
        rs.getBoolean(3),
        rs.getObject(4, Long.class),
        rs.getBoolean(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getBoolean(9));
  }
}
