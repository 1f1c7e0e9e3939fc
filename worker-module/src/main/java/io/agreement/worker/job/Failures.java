package io.agreement.worker.job;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/** Tells transient failures (worth another attempt later) from permanent ones. */
public final class Failures {

  private Failures() {}

  public static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TransientDataAccessException
          || t instanceof DataAccessResourceFailureException
          || t instanceof SQLTransientException
          || t instanceof ConnectException
          || (t instanceof SQLException sql && transientState(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** Connection errors, resource exhaustion, operator intervention, serialization and deadlock. */
  private static boolean transientState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.startsWith("53")
            || state.startsWith("57P")
            || state.equals("40001")
            || state.equals("40P01"));
  }

  public static String describe(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
