package io.agreement.worker.job;

import io.agreement.common.generate.DataGenerator;
import io.agreement.engine.LabelConfig;
import io.agreement.engine.Methodology;
import io.agreement.engine.ProjectScorer;
import io.agreement.engine.ProjectStatistics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker's warm-up, before it takes its first message: the backfill's own code runs over
 * synthetic projects of the generator's shape (a Choices and a Labels tag, three annotators), so
 * that a freshly started JVM has compiled it by the first job. Without it a new worker's first
 * twenty or so jobs run several times slower than its later ones, and compete for the CPU with the
 * compiler meanwhile.
 *
 * <p>Everything a backfill does per task runs: the rows come back from PostgreSQL over JDBC with a
 * project's column types (a SELECT of its own parameters, reading no table), and are parsed,
 * scored, turned into result rows, pair rows, ratings and statistics. The rows are then dropped:
 * nothing is written. It runs after the web server starts (the liveness probe answers meanwhile)
 * and before the message listeners do; the readiness probe answers once it is over. A failure (the
 * database not up yet, say) is logged and skipped: the worker only starts colder.
 */
final class Warmup implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Warmup.class);

  /** Annotations per synthetic project; a project is read in one statement. */
  private static final int PER_PROJECT = 6_000;

  private static final int ANNOTATORS = 3;

  private static final String ROWS =
      """
      SELECT CAST((x.n - 1) / ? + 1 AS integer), CAST(x.n AS integer),
             CAST((x.n - 1) % ? + 1 AS integer), x.result, false, now()
      FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS x(result, n)
      ORDER BY x.n
      """;

  private final DataSource dataSource;
  private final int annotations;
  private final int chunkSize;
  private volatile boolean running;

  Warmup(DataSource dataSource, int annotations, int chunkSize) {
    this.dataSource = dataSource;
    this.annotations = annotations;
    this.chunkSize = chunkSize;
  }

  @Override
  public void start() {
    running = true;
    if (annotations <= 0) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      long scored = run(dataSource, annotations, chunkSize);
      log.info(
          "Warmed up on {} synthetic annotations in {} ms",
          scored,
          Duration.ofNanos(System.nanoTime() - t0).toMillis());
    } catch (SQLException | RuntimeException e) {
      log.warn("Warm-up skipped: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the web server (SmartLifecycle.DEFAULT_PHASE - 1024), before the listener containers. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 512;
  }

  /**
   * Scores about this many synthetic annotations as a backfill would, writing nothing; returns the
   * annotations scored. Projects alternate between the two methodologies.
   */
  static long run(DataSource dataSource, int annotations, int chunkSize) throws SQLException {
    Random random = new Random(1);
    long scored = 0;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        for (int project = 0; scored < annotations; project++) {
          Methodology methodology = project % 2 == 0 ? Methodology.CONSENSUS : Methodology.PAIRWISE;
          scored += project(c, methodology, random, chunkSize);
        }
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }
    return scored;
  }

  private static long project(Connection c, Methodology methodology, Random random, int chunkSize)
      throws SQLException {
    ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(DataGenerator.LABEL_CONFIG), methodology, Map.of());
    List<String> results = new ArrayList<>(PER_PROJECT);
    while (results.size() < PER_PROJECT) {
      results.addAll(DataGenerator.taskResults(random, ANNOTATORS, 0.7));
    }
    ResultWriter writer = new ResultWriter(c, 0, Instant.now(), scorer.tags());
    ProjectStatistics statistics = new ProjectStatistics(scorer, 0);
    Progress progress = new Progress();
    TaskScoring scoring = new TaskScoring(scorer, writer, statistics, progress, null);
    Array array = c.createArrayOf("text", results.toArray());
    try (PreparedStatement ps = c.prepareStatement(ROWS)) {
      ProjectBackfill.binaryResults(ps);
      ps.setFetchSize(5000);
      ps.setInt(1, ANNOTATORS);
      ps.setInt(2, ANNOTATORS);
      ps.setArray(3, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (scoring.accept(rs) && scoring.tasksInChunk() >= chunkSize) {
            writer.discard();
            scoring.chunkFlushed();
          }
        }
      }
    } finally {
      array.free();
    }
    scoring.end();
    writer.discard();
    statistics.compute();
    scorer.summary();
    return progress.annotationsProcessed.get();
  }
}
