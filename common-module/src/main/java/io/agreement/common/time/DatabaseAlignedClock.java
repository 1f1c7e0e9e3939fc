package io.agreement.common.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host's clock moved onto the database's: leases, heartbeats and hand-offs are compared
 * between processes on different hosts, so they must all use one time line. {@link #align()}
 * measures the offset to PostgreSQL's {@code clock_timestamp()} on an open connection, a few times,
 * keeping the sample with the shortest round trip and taking its midpoint as the moment the
 * database read its clock. Between alignments, and while the database cannot be reached, the last
 * offset holds, so {@link #instant()} never blocks and never fails.
 */
public final class DatabaseAlignedClock extends Clock {

  /** An offset above this is worth telling the operator about. */
  static final Duration NOTABLE = Duration.ofSeconds(1);

  /** How often to measure again once aligned; before that, every call to {@link #alignIfDue}. */
  static final Duration REALIGN_EVERY = Duration.ofMinutes(1);

  private static final int SAMPLES = 3;
  private static final Logger log = LoggerFactory.getLogger(DatabaseAlignedClock.class);

  private final Clock local;
  private final DataSource dataSource;
  private volatile Duration offset = Duration.ZERO;
  private volatile boolean aligned;
  private volatile long alignedAtNanos;

  public DatabaseAlignedClock(Clock local, DataSource dataSource) {
    this.local = local;
    this.dataSource = dataSource;
  }

  /** Aligns if it never has, or if the last alignment is a minute old. */
  public void alignIfDue() {
    if (!aligned || System.nanoTime() - alignedAtNanos >= REALIGN_EVERY.toNanos()) {
      align();
    }
  }

  /** Measures the offset again; keeps the last one if the database cannot be asked. */
  public void align() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()")) {
      Duration bestRoundTrip = null;
      Duration measured = Duration.ZERO;
      for (int i = 0; i < SAMPLES; i++) {
        Instant sent = local.instant();
        Instant database;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          database = rs.getTimestamp(1).toInstant();
        }
        Duration roundTrip = Duration.between(sent, local.instant());
        if (bestRoundTrip == null || roundTrip.compareTo(bestRoundTrip) < 0) {
          bestRoundTrip = roundTrip;
          measured = Duration.between(sent.plus(roundTrip.dividedBy(2)), database);
        }
      }
      if (measured.abs().compareTo(NOTABLE) > 0
          && (!aligned || measured.minus(offset).abs().compareTo(NOTABLE) > 0)) {
        log.warn(
            "This host's clock is {} ms off the database's; leases and heartbeats use the"
                + " database's time",
            measured.toMillis());
      }
      offset = measured;
      aligned = true;
      alignedAtNanos = System.nanoTime();
    } catch (SQLException | RuntimeException e) {
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
