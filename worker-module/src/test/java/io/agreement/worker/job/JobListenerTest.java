package io.agreement.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobListenerTest {

  @Test
  void backs_off_doubling_from_the_base_pause_up_to_thirty_seconds() {
    JobListener listener = new JobListener(null, null, null, Duration.ofSeconds(5));

    assertThat(listener.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(listener.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(listener.backoff(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(listener.backoff(4)).isEqualTo(JobListener.LONGEST_PAUSE);
    assertThat(listener.backoff(Integer.MAX_VALUE)).isEqualTo(JobListener.LONGEST_PAUSE);
  }

  @Test
  void never_waits_less_than_a_base_pause_set_above_the_cap() {
    JobListener listener = new JobListener(null, null, null, Duration.ofSeconds(45));

    assertThat(listener.backoff(1)).isEqualTo(Duration.ofSeconds(45));
    assertThat(listener.backoff(3)).isEqualTo(Duration.ofSeconds(45));
  }
}
