package io.agreement.api.webhooks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The webhook receiver's own small connection pool, with short deadlines of its own. Label Studio
 * waits for the answer inside an annotator's request and switches the webhook off after 50
 * failures, so a database outage must be a 503 within about a second, not the API pool's 30 s wait
 * for a connection; and a busy read API (or a flood of webhooks) cannot make the other wait. The
 * rest of the API keeps its pool and its patience.
 */
final class WebhookDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDatabase.class);

  private final HikariDataSource pool;
  private final JdbcClient jdbc;

  private WebhookDatabase(HikariDataSource pool, JdbcClient jdbc) {
    this.pool = pool;
    this.jdbc = jdbc;
  }

  /**
   * A pool to the API's database with the same credentials and driver settings; the API's own pool
   * when that is not Hikari (there are then no deadlines of its own).
   */
  static WebhookDatabase beside(DataSource api, WebhookProperties props, MeterRegistry meters) {
    if (!(api instanceof HikariDataSource main)) {
      log.warn("The data source is not Hikari; webhooks share the API's connections");
      return new WebhookDatabase(null, JdbcClient.create(api));
    }
    HikariConfig config = config(main, props, meters);
    HikariDataSource pool = new HikariDataSource(config);
    return new WebhookDatabase(pool, JdbcClient.create(new PoolThenDirect(pool, config)));
  }

  /**
   * The pool's connections, or one connection of its own when the pool has none at all. After an
   * outage Hikari retries its failed connects with a backoff that grows to 5 s, so for seconds
   * after PostgreSQL is back every webhook would still be a 503 and its mark lost (Label Studio
   * does not retry). One direct connect with the same settings answers it instead, and the pool
   * recovers on its own meanwhile. A database still down fails the direct connect at once (or
   * within the connect timeout when it does not answer), so the 503 stays prompt. A pool that is
   * only busy (it has connections, all in use) keeps its limit: the webhook waits and answers 503,
   * and no more than the pool's size of direct connections are open at once either.
   */
  static final class PoolThenDirect extends DelegatingDataSource {

    private final HikariDataSource pool;
    private final HikariConfig config;
    private final Semaphore direct;

    PoolThenDirect(HikariDataSource pool, HikariConfig config) {
      super(pool);
      this.pool = pool;
      this.config = config;
      this.direct = new Semaphore(config.getMaximumPoolSize());
    }

    @Override
    public Connection getConnection() throws SQLException {
      try {
        return super.getConnection();
      } catch (SQLTransientConnectionException poolTimedOut) {
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        if (state == null || state.getTotalConnections() > 0 || !direct.tryAcquire()) {
          throw poolTimedOut;
        }
        try {
          return released(direct());
        } catch (SQLException stillDown) {
          direct.release();
          poolTimedOut.addSuppressed(stillDown);
          throw poolTimedOut;
        }
      }
    }

    /** The connection, giving its permit back when it is closed. */
    private Connection released(Connection c) {
      AtomicBoolean closed = new AtomicBoolean();
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
                  direct.release();
                }
                try {
                  return method.invoke(c, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    private Connection direct() throws SQLException {
      Properties props = new Properties();
      props.putAll(config.getDataSourceProperties());
      if (config.getUsername() != null) {
        props.setProperty("user", config.getUsername());
      }
      if (config.getPassword() != null) {
        props.setProperty("password", config.getPassword());
      }
      Connection c = DriverManager.getConnection(config.getJdbcUrl(), props);
      try {
        if (config.getSchema() != null) {
          c.setSchema(config.getSchema());
        }
        if (config.getConnectionInitSql() != null) {
          try (Statement s = c.createStatement()) {
            s.execute(config.getConnectionInitSql());
          }
        }
        return c;
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
  }

  private static HikariConfig config(
      HikariDataSource main, WebhookProperties props, MeterRegistry meters) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("agreement-webhooks");
    config.setJdbcUrl(main.getJdbcUrl());
    config.setUsername(main.getUsername());
    config.setPassword(main.getPassword());
    if (main.getDriverClassName() != null) {
      config.setDriverClassName(main.getDriverClassName());
    }
    config.setSchema(main.getSchema());
    config.setConnectionInitSql(main.getConnectionInitSql());
    long wait = Math.max(250, props.connectionTimeout().toMillis());
    long statement = Math.max(1, props.statementTimeout().toMillis());
    Properties driver = new Properties();
    driver.putAll(main.getDataSourceProperties());
    // PostgreSQL's own deadlines: connecting, each statement and lock wait, and a socket that
    // stops answering (a network partition rather than a refused connection).
    driver.setProperty("connectTimeout", Long.toString(seconds(Duration.ofMillis(wait))));
    driver.setProperty(
        "socketTimeout", Long.toString(seconds(props.statementTimeout().multipliedBy(2))));
    driver.setProperty(
        "options", "-c statement_timeout=" + statement + " -c lock_timeout=" + statement);
    config.setDataSourceProperties(driver);
    config.setMaximumPoolSize(props.poolSize());
    config.setMinimumIdle(0);
    config.setIdleTimeout(60_000);
    config.setConnectionTimeout(wait);
    config.setValidationTimeout(Math.max(250, wait / 2));
    // Started without waiting for the database: the first webhook connects, or answers 503.
    config.setInitializationFailTimeout(-1);
    config.setMetricRegistry(meters);
    return config;
  }

  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
