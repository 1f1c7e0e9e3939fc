package io.agreement.api.auth;

import io.agreement.common.labelstudio.Installation;
import io.agreement.common.labelstudio.LabelStudioRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Makes a new standalone install usable: one organization, its owner and the owner's token. On a
 * database attached to a real Label Studio it refuses: users and tokens come from Label Studio.
 */
@Component
class Bootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
  private static final int LOCK_KEY = 7_002;

  private final BootstrapProperties props;
  private final DataSource dataSource;
  private final Clock clock;

  Bootstrap(BootstrapProperties props, DataSource dataSource, Clock clock) {
    this.props = props;
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) throws SQLException {
    if (!props.configured()) {
      return;
    }
    if (props.token().length() > 40) {
      throw new IllegalStateException("AGREEMENT_BOOTSTRAP_TOKEN must be at most 40 characters");
    }
    if (Installation.read(JdbcClient.create(dataSource)).orElse(null) == Installation.ATTACHED) {
      log.warn(
          "AGREEMENT_BOOTSTRAP_* is set but ignored: this database belongs to a real Label Studio,"
              + " whose tables the service never writes to. Sign in with your own Label Studio"
              + " token or personal access token instead, and unset AGREEMENT_BOOTSTRAP_*");
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      createIfEmpty(c);
      c.commit();
    }
  }

  private void createIfEmpty(Connection c) throws SQLException {
    JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
    jdbc.sql("SELECT true FROM pg_advisory_xact_lock(:key)")
        .param("key", LOCK_KEY)
        .query(Boolean.class)
        .single();
    if (jdbc.sql("SELECT count(*) FROM organization").query(Long.class).single() > 0) {
      return;
    }
    LabelStudioRows rows = new LabelStudioRows(c, OffsetDateTime.now(clock));
    long org = rows.organization(props.organization());
    long user = rows.user(props.email(), org);
    rows.organizationCreator(org, user);
    rows.member(user, org, "OWNER");
    rows.legacyToken(props.token(), user);
    rows.tokenSettings(org, true);
    log.info(
        "Created organization {} with owner {} and the configured bootstrap token",
        org,
        props.email());
  }
}
