package io.agreement.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.generate.LiveLoadOptions.ChangeKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveLoadOptionsTest {

  private static final Map<String, String> ENV =
      Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/bench");

  private static LiveLoadOptions parse(String... args) {
    return LiveLoadOptions.parse(List.of(args), ENV);
  }

  @Test
  void defaults_are_the_spec_load_without_webhooks_on_the_environments_database() {
    LiveLoadOptions o = parse();
    assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/bench");
    assertThat(o.user()).isEqualTo("postgres");
    assertThat(o.password()).isEmpty();
    assertThat(o.rate()).isEqualTo(100);
    assertThat(o.seconds()).isEqualTo(60);
    assertThat(o.warmupSeconds()).isEqualTo(5);
    assertThat(o.threads()).isEqualTo(8);
    assertThat(List.of(o.creates(), o.edits(), o.deletes())).containsExactly(60, 30, 10);
    assertThat(o.webhooks()).isFalse();
    assertThat(o.poll()).isEqualTo(Duration.ofMillis(50));
    assertThat(o.drainTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(o.newAnnotators()).isEqualTo(20);
  }

  @Test
  void every_option_is_read() {
    LiveLoadOptions o =
        parse(
            "--rate",
            "12.5",
            "--seconds",
            "10",
            "--warmup-seconds",
            "0",
            "--threads",
            "2",
            "--mix",
            "1, 2,3",
            "--webhook",
            "http://localhost:18100/api/agreement/webhooks/label-studio/",
            "--secret",
            "s3cret",
            "--poll-ms",
            "20",
            "--drain-timeout",
            "30",
            "--new-annotators",
            "0",
            "--seed",
            "7",
            "--jdbc-url",
            "jdbc:postgresql://h/db",
            "--user",
            "u",
            "--password",
            "p");
    assertThat(o.rate()).isEqualTo(12.5);
    assertThat(o.seconds()).isEqualTo(10);
    assertThat(o.warmupSeconds()).isZero();
    assertThat(o.threads()).isEqualTo(2);
    assertThat(List.of(o.creates(), o.edits(), o.deletes())).containsExactly(1, 2, 3);
    assertThat(o.webhook())
        .isEqualTo(URI.create("http://localhost:18100/api/agreement/webhooks/label-studio/"));
    assertThat(o.secret()).isEqualTo("s3cret");
    assertThat(o.webhooks()).isTrue();
    assertThat(o.poll()).isEqualTo(Duration.ofMillis(20));
    assertThat(o.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.newAnnotators()).isZero();
    assertThat(o.seed()).isEqualTo(7);
    assertThat(List.of(o.jdbcUrl(), o.user(), o.password()))
        .containsExactly("jdbc:postgresql://h/db", "u", "p");
  }

  @Test
  void the_warmup_is_the_same_load_for_its_own_length_with_other_draws() {
    LiveLoadOptions o = parse("--rate", "50", "--seconds", "60", "--warmup-seconds", "3");
    LiveLoadOptions warm = o.warmup();
    assertThat(warm.seconds()).isEqualTo(3);
    assertThat(warm.warmupSeconds()).isZero();
    assertThat(warm.rate()).isEqualTo(50);
    assertThat(warm.threads()).isEqualTo(o.threads());
    assertThat(warm.seed()).isNotEqualTo(o.seed());
  }

  @Test
  void the_mix_splits_the_draws_in_proportion() {
    LiveLoadOptions o = parse();
    assertThat(o.kind(0.0)).isEqualTo(ChangeKind.CREATE);
    assertThat(o.kind(0.5999)).isEqualTo(ChangeKind.CREATE);
    assertThat(o.kind(0.6)).isEqualTo(ChangeKind.EDIT);
    assertThat(o.kind(0.8999)).isEqualTo(ChangeKind.EDIT);
    assertThat(o.kind(0.9)).isEqualTo(ChangeKind.DELETE);
    assertThat(o.kind(0.9999)).isEqualTo(ChangeKind.DELETE);
    assertThat(parse("--mix", "0,0,1").kind(0.0)).isEqualTo(ChangeKind.DELETE);
  }

  @Nested
  class Refused {

    @Test
    void unknown_repeated_and_valueless_options() {
      assertThatThrownBy(() -> parse("--rat", "5"))
          .hasMessageStartingWith("unknown option --rat; known: [--drain-timeout,");
      assertThatThrownBy(() -> parse("--rate", "5", "--rate", "6"))
          .hasMessage("--rate is given twice");
      assertThatThrownBy(() -> parse("--seconds")).hasMessage("missing value for --seconds");
    }

    @Test
    void values_that_are_not_numbers_or_out_of_range() {
      assertThatThrownBy(() -> parse("--rate", "fast"))
          .hasMessage("--rate needs a number, got 'fast'");
      assertThatThrownBy(() -> parse("--rate", "NaN"))
          .hasMessage("--rate needs a finite number, got 'NaN'");
      assertThatThrownBy(() -> parse("--rate", "0")).hasMessageContaining("--rate must be above 0");
      assertThatThrownBy(() -> parse("--seconds", "1.5"))
          .hasMessage("--seconds needs a whole number, got '1.5'");
      assertThatThrownBy(() -> parse("--threads", "99999999999"))
          .hasMessage("--threads needs a whole number, got '99999999999'");
      assertThatThrownBy(() -> parse("--threads", "0")).hasMessageContaining("--threads must be");
      assertThatThrownBy(() -> parse("--warmup-seconds", "-1"))
          .hasMessageContaining("--warmup-seconds must be");
      assertThatThrownBy(() -> parse("--poll-ms", "1")).hasMessageContaining("--poll-ms must be");
      assertThatThrownBy(() -> parse("--drain-timeout", "-1"))
          .hasMessageContaining("--drain-timeout must be");
      assertThatThrownBy(() -> parse("--new-annotators", "-3"))
          .hasMessageContaining("--new-annotators must be");
    }

    @Test
    void a_mix_that_is_not_three_shares_or_all_zero() {
      assertThatThrownBy(() -> parse("--mix", "60,40"))
          .hasMessage("--mix needs three shares CREATES,EDITS,DELETES, got '60,40'");
      assertThatThrownBy(() -> parse("--mix", "0,0,0")).hasMessageContaining("not all zero");
      assertThatThrownBy(() -> parse("--mix", "60,-30,70")).hasMessageContaining("zero or more");
      assertThatThrownBy(() -> parse("--mix", "a,b,c"))
          .hasMessage("--mix needs a whole number, got 'a'");
    }

    @Test
    void a_webhook_without_secret_a_secret_without_webhook_and_a_non_http_url() {
      assertThatThrownBy(() -> parse("--webhook", "http://localhost/"))
          .hasMessageContaining("--webhook and --secret go together");
      assertThatThrownBy(() -> parse("--secret", "s"))
          .hasMessageContaining("--webhook and --secret go together");
      assertThatThrownBy(() -> parse("--webhook", "http://localhost/", "--secret", ""))
          .hasMessageContaining("--webhook and --secret go together");
      assertThatThrownBy(() -> parse("--webhook", "file:///etc/passwd", "--secret", "s"))
          .hasMessage("--webhook must be an http or https URL");
      assertThatThrownBy(() -> parse("--webhook", "http://bad host/", "--secret", "s"))
          .hasMessageStartingWith("--webhook is not a URL:");
    }

    @Test
    void a_missing_or_foreign_database_url() {
      assertThatThrownBy(() -> LiveLoadOptions.parse(List.of(), Map.of()))
          .hasMessageContaining("must be a jdbc:postgresql: URL");
      assertThatThrownBy(() -> parse("--jdbc-url", "jdbc:mysql://h/db"))
          .hasMessageContaining("must be a jdbc:postgresql: URL");
    }
  }
}
