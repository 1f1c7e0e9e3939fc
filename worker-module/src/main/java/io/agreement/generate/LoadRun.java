package io.agreement.generate;

import io.agreement.generate.ChangeWriter.Committed;
import io.agreement.generate.LiveLoad.Target;
import io.agreement.generate.LiveLoadOptions.ChangeKind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load itself: change number i is due at {@code i / rate} seconds after the start; each of the
 * threads takes the next due change, commits it on a task of its own (a task belongs to one thread,
 * so its changes are in a known order), records it with the lag tracker and then, as Label Studio
 * does inside the annotator's request, posts its webhook and waits for the answer.
 */
final class LoadRun {

  /** What the threads did together. */
  record Totals(
      Map<ChangeKind, Long> kinds,
      long[] webhookNanos,
      long webhookFailures,
      long errorCount,
      List<String> errors,
      long startedAt,
      long endedAt) {

    long changes() {
      return kinds.values().stream().mapToLong(Long::longValue).sum();
    }

    double changesPerSecond() {
      return changes() / ((endedAt - startedAt) / 1e9);
    }
  }

  private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

  private final LiveLoadOptions options;
  private final LiveLoad load;
  private final List<Target> targets;
  private final LagTracker tracker;
  private final WebhookPayloads payloads;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(WEBHOOK_TIMEOUT)
          .build();
  private final AtomicLong next = new AtomicLong();

  LoadRun(
      LiveLoadOptions options,
      LiveLoad load,
      List<Target> targets,
      LagTracker tracker,
      WebhookPayloads payloads) {
    this.options = options;
    this.load = load;
    this.targets = targets;
    this.tracker = tracker;
    this.payloads = payloads;
  }

  Totals run() throws InterruptedException {
    long total = Math.round(options.rate() * options.seconds());
    long start = System.nanoTime() + 100_000_000L;
    List<Annotator> annotators = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < options.threads(); k++) {
      Annotator a = new Annotator(k, total, start);
      annotators.add(a);
      Thread thread = new Thread(a, "live-load-" + k);
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    long end = System.nanoTime();
    return totals(annotators, start, end);
  }

  private Totals totals(List<Annotator> annotators, long start, long end) {
    Map<ChangeKind, Long> kinds = new EnumMap<>(ChangeKind.class);
    List<Long> webhooks = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long failures = 0;
    long errorCount = 0;
    for (Annotator a : annotators) {
      a.kinds.forEach((k, n) -> kinds.merge(k, n, Long::sum));
      webhooks.addAll(a.webhookNanos);
      failures += a.webhookFailures;
      errorCount += a.failedChanges;
      errors.addAll(a.errors);
    }
    long[] nanos = webhooks.stream().mapToLong(Long::longValue).toArray();
    return new Totals(kinds, nanos, failures, errorCount, errors, start, end);
  }

  /** One thread's share: its own connection, its own tasks, its own random draws. */
  private final class Annotator implements Runnable {
    private final int index;
    private final long total;
    private final long start;
    private final Random random;
    private final Map<ChangeKind, Long> kinds = new EnumMap<>(ChangeKind.class);
    private final List<Long> webhookNanos = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private long webhookFailures;
    private long failedChanges;

    Annotator(int index, long total, long start) {
      this.index = index;
      this.total = total;
      this.start = start;
      this.random = new Random(options.seed() * 1_000_003L + index);
    }

    @Override
    public void run() {
      try (Connection c = load.connect()) {
        ChangeWriter writer = new ChangeWriter(c, random);
        long i;
        while ((i = next.getAndIncrement()) < total) {
          LockSupport.parkNanos(start + (long) (i * 1e9 / options.rate()) - System.nanoTime());
          try {
            one(writer);
          } catch (SQLException | RuntimeException e) {
            error("change: " + e);
          }
        }
      } catch (SQLException e) {
        error("connection: " + e);
      }
    }

    private void one(ChangeWriter writer) throws SQLException {
      Target target = targets.get(random.nextInt(targets.size()));
      int owned = (target.tasks().length - index + options.threads() - 1) / options.threads();
      if (owned <= 0) {
        return;
      }
      long task = target.tasks()[index + options.threads() * random.nextInt(owned)];
      ChangeKind wanted = options.kind(random.nextDouble());
      Committed c = writer.change(wanted, target.project().id(), task, target.annotators());
      tracker.committed(new LagTracker.Change(task, c.fingerprint(), System.nanoTime()));
      kinds.merge(c.kind(), 1L, Long::sum);
      if (options.webhooks()) {
        post(body(c, target.project()));
      }
    }

    private String body(Committed c, WebhookPayloads.Project project) {
      return switch (c.kind()) {
        case CREATE -> payloads.created(c.annotation(), project);
        case EDIT -> payloads.updated(c.annotation(), project);
        case DELETE -> payloads.deleted(c.deletedId(), project);
      };
    }

    private void post(String body) {
      HttpRequest request =
          HttpRequest.newBuilder(options.webhook())
              .timeout(WEBHOOK_TIMEOUT)
              .header("Content-Type", "application/json")
              .header("X-Agreement-Webhook-Secret", options.secret())
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      long sent = System.nanoTime();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        webhookNanos.add(System.nanoTime() - sent);
        if (response.statusCode() / 100 != 2) {
          failure("HTTP " + response.statusCode() + ": " + response.body());
        }
      } catch (IOException e) {
        webhookNanos.add(System.nanoTime() - sent);
        failure(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure("interrupted");
      }
    }

    private void failure(String what) {
      webhookFailures++;
      error("webhook: " + what);
    }

    private void error(String what) {
      failedChanges++;
      if (errors.size() < 5) {
        errors.add("live-load-" + index + " " + what);
      }
    }
  }
}
