package io.agreement.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.testsupport.TestServices;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Hosts whose clocks disagree still agree on the time once aligned on a real PostgreSQL. */
class DatabaseAlignedClockIT {

  private static TestServices.Environment env;
  private static DataSource dataSource;
  private static JdbcClient jdbc;

  @BeforeAll
  static void database() {
    env = TestServices.isolatedEnvironment();
    dataSource =
        new DriverManagerDataSource(
            env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword());
    jdbc = JdbcClient.create(dataSource);
  }

  private static Instant databaseNow() {
    return jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
  }

  @Test
  void two_hosts_two_minutes_apart_read_the_same_time_once_aligned() {
    DatabaseAlignedClock behind =
        new DatabaseAlignedClock(
            Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60)), dataSource);
    DatabaseAlignedClock ahead =
        new DatabaseAlignedClock(
            Clock.offset(Clock.systemUTC(), Duration.ofSeconds(60)), dataSource);
    assertThat(Duration.between(behind.instant(), ahead.instant()))
        .isGreaterThan(Duration.ofSeconds(119));

    behind.align();
    ahead.align();

    assertThat(Duration.between(behind.instant(), ahead.instant()).abs())
        .isLessThan(Duration.ofSeconds(1));
    assertThat(Duration.between(databaseNow(), behind.instant()).abs())
        .isLessThan(Duration.ofSeconds(1));
    assertThat(behind.offset()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
  }

  @Test
  void keeps_the_last_offset_while_the_database_cannot_be_asked() {
    Clock stopped = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
    Duration offset;
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl(env.jdbcUrl());
      pool.setUsername(env.endpoints().pgUser());
      pool.setPassword(env.endpoints().pgPassword());
      DatabaseAlignedClock clock = new DatabaseAlignedClock(stopped, pool);
      clock.align();
      offset = clock.offset();
      assertThat(Duration.between(databaseNow(), clock.instant()).abs())
          .isLessThan(Duration.ofSeconds(1));

      pool.close();
      clock.align();

      assertThat(clock.offset()).isEqualTo(offset);
      assertThat(clock.instant()).isEqualTo(stopped.instant().plus(offset));
    }
  }

  @Test
  void starts_from_the_host_clock_when_the_database_was_never_reached() {
    Clock stopped = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
    DatabaseAlignedClock clock =
        new DatabaseAlignedClock(
            stopped, new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none", "x", ""));

    clock.align();

    assertThat(clock.offset()).isZero();
    assertThat(clock.instant()).isEqualTo(stopped.instant());
  }
}
