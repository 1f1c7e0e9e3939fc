package io.agreement.api.docs;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fingerprint of everything the API may write (every table of schema {@code agreement}), to prove
 * a refused request changed nothing. The outbox relay moves jobs from PENDING to QUEUED on its own,
 * so both count as one state.
 */
final class ContractState {

  private ContractState() {}

  static String of(JdbcClient jdbc) {
    List<String> tables =
        jdbc.sql(
                """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'agreement' AND table_name <> 'backfill_job'
                  AND table_name NOT LIKE 'flyway%' ORDER BY table_name
                """)
            .query(String.class)
            .list();
    StringBuilder state = new StringBuilder(jobs(jdbc));
    for (String table : tables) {
      state
          .append(' ')
          .append(table)
          .append('=')
          .append(
              jdbc.sql(
                      "SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM agreement."
                          + table
                          + " t")
                  .query(String.class)
                  .single());
    }
    return state.toString();
  }

  private static String jobs(JdbcClient jdbc) {
    return jdbc.sql(
            """
            SELECT coalesce(md5(string_agg(concat_ws('/', id, project_id, organization_id,
                CASE WHEN status IN ('PENDING', 'QUEUED') THEN 'ACTIVE' ELSE status END,
                triggered_by, trigger_mode, error_message), ',' ORDER BY id)), '')
            FROM agreement.backfill_job
            """)
        .query(String.class)
        .single();
  }
}
