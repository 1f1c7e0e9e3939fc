package io.agreement.common.labelstudio;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What this Label Studio database has beyond the tables every version has: Label Studio
 * Enterprise's member role column, and the JWT settings and token blacklist tables of Label Studio
 * 1.22 and later. Read once at start; a Label Studio upgrade takes a restart of the service.
 *
 * @param memberRoleColumn whether organizations_organizationmember has a role column (Enterprise)
 * @param jwtSettings whether jwt_auth_jwtsettings exists
 * @param tokenBlacklist whether token_blacklist_outstandingtoken and _blacklistedtoken exist
 */
public record LabelStudioSchema(
    boolean memberRoleColumn, boolean jwtSettings, boolean tokenBlacklist) {

  public static LabelStudioSchema detect(JdbcClient jdbc) {
    return jdbc.sql(
            """
            SELECT EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_schema = current_schema()
                             AND table_name = 'organizations_organizationmember'
                             AND column_name = 'role'),
                   to_regclass('jwt_auth_jwtsettings') IS NOT NULL,
                   to_regclass('token_blacklist_outstandingtoken') IS NOT NULL
                     AND to_regclass('token_blacklist_blacklistedtoken') IS NOT NULL
            """)
        .query(
            (rs, n) -> new LabelStudioSchema(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
        .single();
  }
}
