package io.agreement.generate;

import io.agreement.generate.LiveLoadOptions.ChangeKind;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code live-load --rate 100 --seconds 60 [--webhook URL --secret S]}: the live-refresh benchmark
 * (SPEC 9 "Speed") against a backfilled standalone database. It commits annotation changes into
 * Label Studio's tables at the rate asked (posting each one's webhook when asked), measures the lag
 * from each commit until the task's stored fingerprint shows it, then the drain after the load, and
 * prints the figures as {@code key=value} lines. Plain JDBC; no Spring context.
 */
public final class LiveLoadCommand {

  private LiveLoadCommand() {}

  public static int run(String[] args) {
    LiveLoadOptions options;
    try {
      options = LiveLoadOptions.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("live-load: " + e.getMessage());
      System.err.println(LiveLoadOptions.USAGE);
      return 2;
    }
    try {
      return run(options, System.out);
    } catch (Exception e) {
      System.err.println("live-load failed: " + e);
      return 1;
    }
  }

  static int run(LiveLoadOptions options, PrintStream out) throws Exception {
    LiveLoad load = new LiveLoad(options);
    List<LiveLoad.Target> targets = load.targets();
    if (targets.isEmpty()) {
      throw new IllegalStateException("no project with tasks; run generate first");
    }
    if (options.warmupSeconds() > 0) {
      LoadRun.Totals warm =
          new LoadRun(options.warmup(), load, targets, new LagTracker(), payloads()).run();
      out.printf(Locale.ROOT, "warmup_changes=%d%n", warm.changes());
    }
    long dirty = load.awaitNoDirtyMarks();
    long mismatches = load.mismatches(targets);
    out.printf(Locale.ROOT, "mode=%s%n", options.webhooks() ? "webhook" : "sweep");
    out.printf(
        Locale.ROOT,
        "projects=%d tasks=%d%n",
        targets.size(),
        targets.stream().mapToLong(t -> t.tasks().length).sum());
    out.printf(Locale.ROOT, "dirty_before=%d%nbaseline_mismatches=%d%n", dirty, mismatches);
    LagTracker tracker = new LagTracker();
    LoadRun.Totals totals;
    ScorePoller poller;
    try (var connection = load.connect()) {
      poller = new ScorePoller(connection, tracker, options.poll(), options.drainTimeout());
      Thread polling = new Thread(poller, "live-load-poller");
      polling.start();
      totals = new LoadRun(options, load, targets, tracker, payloads()).run();
      poller.loadEnded(totals.endedAt());
      polling.join();
    }
    if (poller.failure() != null) {
      throw poller.failure();
    }
    print(out, totals, tracker, poller);
    return totals.errorCount() == 0 && tracker.pendingCount() == 0 ? 0 : 3;
  }

  private static WebhookPayloads payloads() {
    return new WebhookPayloads(new JsonMapper());
  }

  private static void print(
      PrintStream out, LoadRun.Totals totals, LagTracker tracker, ScorePoller poller) {
    out.printf(
        Locale.ROOT,
        "changes=%d creates=%d edits=%d deletes=%d errors=%d%n",
        totals.changes(),
        totals.kinds().getOrDefault(ChangeKind.CREATE, 0L),
        totals.kinds().getOrDefault(ChangeKind.EDIT, 0L),
        totals.kinds().getOrDefault(ChangeKind.DELETE, 0L),
        totals.errorCount());
    out.printf(
        Locale.ROOT,
        "load_seconds=%.2f%nchanges_per_second=%.1f%n",
        (totals.endedAt() - totals.startedAt()) / 1e9,
        totals.changesPerSecond());
    Percentiles lag = Percentiles.ofNanos(tracker.lags());
    out.printf(
        Locale.ROOT,
        "lag_p50_ms=%.0f%nlag_p95_ms=%.0f%nlag_p99_ms=%.0f%nlag_max_ms=%.0f%n",
        lag.p50(),
        lag.p95(),
        lag.p99(),
        lag.max());
    Percentiles hook = Percentiles.ofNanos(totals.webhookNanos());
    out.printf(
        Locale.ROOT,
        "webhooks=%d webhook_failures=%d%nwebhook_p50_ms=%.1f%nwebhook_p99_ms=%.1f%n"
            + "webhook_max_ms=%.1f%n",
        hook.count(),
        totals.webhookFailures(),
        hook.p50(),
        hook.p99(),
        hook.max());
    out.printf(
        Locale.ROOT,
        "drain_seconds=%.2f%nunresolved=%d%n",
        poller.drainSeconds(),
        tracker.pendingCount());
    totals.errors().forEach(e -> out.println("error=" + e.replace('\n', ' ')));
  }
}
