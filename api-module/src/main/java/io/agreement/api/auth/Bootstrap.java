package io.agreement.api.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes a new install usable: one organization, its owner and the owner's token. */
@Component
class Bootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
  private static final int LOCK_KEY = 7_002;

  private final BootstrapProperties props;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  Bootstrap(BootstrapProperties props, JdbcClient jdbc, TransactionTemplate tx) {
    this.props = props;
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!props.configured()) {
      return;
    }
    if (props.token().length() > 40) {
      throw new IllegalStateException("AGREEMENT_BOOTSTRAP_TOKEN must be at most 40 characters");
    }
    tx.executeWithoutResult(status -> createIfEmpty());
  }

  private void createIfEmpty() {
    jdbc.sql("SELECT true FROM pg_advisory_xact_lock(:key)")
        .param("key", LOCK_KEY)
        .query(Boolean.class)
        .single();
    if (jdbc.sql("SELECT count(*) FROM organization").query(Long.class).single() > 0) {
      return;
    }
    long org =
        jdbc.sql("INSERT INTO organization (title) VALUES (:title) RETURNING id")
            .param("title", props.organization())
            .query(Long.class)
            .single();
    long user =
        jdbc.sql(
                """
            INSERT INTO htx_user (email, username, active_organization_id)
            VALUES (:email, :email, :org) RETURNING id
            """)
            .param("email", props.email())
            .param("org", org)
            .query(Long.class)
            .single();
    jdbc.sql("UPDATE organization SET created_by_id = :user WHERE id = :org")
        .param("user", user)
        .param("org", org)
        .update();
    jdbc.sql(
            """
            INSERT INTO organizations_organizationmember (user_id, organization_id, role)
            VALUES (:user, :org, 'OWNER')
            """)
        .param("user", user)
        .param("org", org)
        .update();
    jdbc.sql("INSERT INTO authtoken_token (key, user_id) VALUES (:key, :user)")
        .param("key", props.token())
        .param("user", user)
        .update();
    log.info(
        "Created organization {} with owner {} and the configured bootstrap token",
        org,
        props.email());
  }
}
