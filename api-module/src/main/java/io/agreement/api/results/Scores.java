package io.agreement.api.results;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Column reading shared by the results queries: a score that is not a finite number is null. */
final class Scores {

  private Scores() {}

  static Double score(ResultSet rs, int column) throws SQLException {
    return finite(rs.getObject(column, Double.class));
  }

  static Double mean(double sum, long count) {
    return count == 0 ? null : finite(sum / count);
  }

  static Double finite(Double value) {
    return value == null || !Double.isFinite(value) ? null : value;
  }
}
