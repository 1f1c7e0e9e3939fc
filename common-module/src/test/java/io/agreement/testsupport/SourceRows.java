package io.agreement.testsupport;

import io.agreement.common.labelstudio.LabelStudioRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/** Label Studio rows written for a test on a connection of their own, committed at once. */
public final class SourceRows {

  private SourceRows() {}

  /** What {@link #write} runs. */
  public interface Writer<T> {
    T write(LabelStudioRows rows) throws SQLException;
  }

  public static <T> T write(DataSource dataSource, Writer<T> writer) {
    try (Connection c = dataSource.getConnection()) {
      return writer.write(new LabelStudioRows(c, OffsetDateTime.now()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
