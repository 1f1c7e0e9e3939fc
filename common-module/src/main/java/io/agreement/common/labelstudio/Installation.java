package io.agreement.common.labelstudio;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the service is installed, as detected at its first start (migration V7): next to a real Label
 * Studio, whose tables it only reads, or standalone, where it created Label Studio-shaped tables
 * itself and may fill them (demo data, the bootstrap owner).
 */
public enum Installation {
  ATTACHED,
  STANDALONE;

  /** The recorded mode; empty only if migration V7 never ran. */
  public static Optional<Installation> read(JdbcClient jdbc) {
    return jdbc.sql("SELECT upper(mode) FROM agreement.installation")
        .query(String.class)
        .optional()
        .map(Installation::valueOf);
  }

  /**
   * Throws unless the database is standalone.
   *
   * @param what what would write into Label Studio's tables, for the message
   */
  public static void requireStandalone(JdbcClient jdbc, String what) {
    Installation mode =
        read(jdbc)
            .orElseThrow(() -> new IllegalStateException("The database has not been migrated yet"));
    if (mode == ATTACHED) {
      throw new IllegalStateException(
          what
              + " refused: this database belongs to a real Label Studio (its tables existed before"
              + " the service's first start), and the service never writes into Label Studio's"
              + " tables. Run it against an empty database for a standalone demo.");
    }
  }
}
