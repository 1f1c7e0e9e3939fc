package io.agreement.common.time;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This host's clock moved onto the database's: leases, heartbeats and hand-offs are compared
 * between processes on different hosts, so they must all use one time line. {@link #align()}
 * measures the offset to PostgreSQL's {@code clock_timestamp()} (half the round trip taken as the
 * moment the database read its clock); between alignments, and while the database cannot be
 * reached, the last offset holds, so {@link #instant()} never blocks and never fails.
 */
public final class DatabaseAlignedClock extends Clock {

  /** An offset above this is worth telling the operator about. */
  static final Duration NOTABLE = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(DatabaseAlignedClock.class);

  private final Clock local;
  private final JdbcClient jdbc;
  private volatile Duration offset = Duration.ZERO;
  private volatile boolean aligned;

  public DatabaseAlignedClock(Clock local, JdbcClient jdbc) {
    this.local = local;
    this.jdbc = jdbc;
  }

  /** Measures the offset again; keeps the last one if the database cannot be asked. */
  public void align() {
    try {
      Instant sent = local.instant();
      Instant database =
          jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
      Instant received = local.instant();
      Instant midway = sent.plus(Duration.between(sent, received).dividedBy(2));
      Duration measured = Duration.between(midway, database);
      if (measured.abs().compareTo(NOTABLE) > 0
          && (!aligned || measured.minus(offset).abs().compareTo(NOTABLE) > 0)) {
        log.warn(
            "This host's clock is {} ms off the database's; leases and heartbeats use the"
                + " database's time",
            measured.toMillis());
      }
      offset = measured;
      aligned = true;
    } catch (RuntimeException e) {
      log.warn(
          "Cannot read the database's clock, keeping the last offset ({} ms): {}",
          offset.toMillis(),
          e.getMessage());
    }
  }

  public Duration offset() {
    return offset;
  }

  @Override
  public Instant instant() {
    return local.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the aligned clock is UTC only");
  }
}
