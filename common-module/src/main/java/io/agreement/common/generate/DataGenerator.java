package io.agreement.common.generate;

import io.agreement.common.labelstudio.Installation;
import io.agreement.common.labelstudio.LabelStudioRows;
import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills the Label Studio tables of a standalone install with an organization, its owner and token,
 * annotators, projects, tasks and annotations whose agreement is tunable, every row as Label Studio
 * writes it ({@link LabelStudioRows}). Annotations go in with COPY.
 */
public final class DataGenerator {

  public static final String LABEL_CONFIG =
      """
      <View>
        <Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text" choice="single">
          <Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral"/>
        </Choices>
        <Labels name="entities" toName="text">
          <Label value="Person"/><Label value="Place"/>
        </Labels>
      </View>
      """;
  public static final String BROKEN_LABEL_CONFIG = "<View><Choices name=\"sentiment\" toName=";

  private static final int COPY_CHUNK_CHARS = 8 << 20;
  private static final String[] CHOICES = {"Positive", "Negative", "Neutral"};
  private static final String[] LABELS = {"Person", "Place"};

  private final DataSource dataSource;

  public DataGenerator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @throws IllegalStateException on a database attached to a real Label Studio, whose tables the
   *     service never writes to
   */
  public GeneratedOrganization generate(GeneratorOptions options) throws SQLException {
    Installation.requireStandalone(JdbcClient.create(dataSource), "Generating demo data");
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      GeneratedOrganization org =
          generate(c, new LabelStudioRows(c, OffsetDateTime.now()), options);
      c.commit();
      analyze(c);
      return org;
    }
  }

  private GeneratedOrganization generate(Connection c, LabelStudioRows rows, GeneratorOptions o)
      throws SQLException {
    Random random = new Random(o.seed());
    long orgId = rows.organization(o.organization());
    String suffix = HexFormat.of().formatHex(randomBytes(4));
    String email = o.ownerEmail() != null ? o.ownerEmail() : "owner-" + suffix + "@example.com";
    long ownerId = insertUser(rows, email, orgId, "OWNER");
    rows.organizationCreator(orgId, ownerId);
    String token = o.token() != null ? o.token() : HexFormat.of().formatHex(randomBytes(20));
    rows.legacyToken(token, ownerId);
    // The demo signs in with a legacy token, which Label Studio switches off by default.
    rows.tokenSettings(orgId, true);
    List<Long> annotators = new ArrayList<>();
    for (int i = 1; i <= o.annotators(); i++) {
      annotators.add(
          insertUser(rows, "annotator" + i + "-" + suffix + "@example.com", orgId, "ANNOTATOR"));
    }
    List<Long> projects = new ArrayList<>();
    long annotations = 0;
    for (int p = 0; p < o.projects(); p++) {
      boolean broken = p >= o.projects() - o.brokenProjects();
      long projectId =
          rows.project(
              orgId, "Project " + (p + 1), broken ? BROKEN_LABEL_CONFIG : LABEL_CONFIG, ownerId);
      projects.add(projectId);
      annotations += fillProject(c, rows, projectId, o, annotators, random);
    }
    return new GeneratedOrganization(
        orgId,
        ownerId,
        email,
        token,
        annotators,
        projects,
        (long) o.projects() * o.tasks(),
        annotations);
  }

  /** Fresh statistics, as a live database would have them, so query plans are realistic. */
  private static void analyze(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (var s = c.createStatement()) {
      s.execute("ANALYZE task");
      s.execute("ANALYZE task_completion");
    }
  }

  private long fillProject(
      Connection c,
      LabelStudioRows rows,
      long projectId,
      GeneratorOptions o,
      List<Long> annotators,
      Random random)
      throws SQLException {
    List<Long> taskIds =
        rows.tasks(
            projectId, o.tasks(), "jsonb_build_object('text', 'Generated task text number ' || g)");
    LabelStudioRows.AnnotationCopy annotationCopy = rows.annotationCopy(2);
    StringBuilder copy = new StringBuilder(1 << 20);
    for (long taskId : taskIds) {
      if (copy.length() > COPY_CHUNK_CHARS) {
        copyAnnotations(c, annotationCopy, copy.toString());
        copy.setLength(0);
      }
      List<String> results = taskResults(random, annotators.size(), o.agreement());
      for (int a = 0; a < annotators.size(); a++) {
        long annotator = annotators.get(a);
        String result = results.get(a);
        copy.append(taskId)
            .append('\t')
            .append(projectId)
            .append('\t')
            .append(annotator)
            .append('\t')
            .append(result.replace("\\", "\\\\"))
            .append(annotationCopy.suffix())
            .append('\n');
      }
    }
    copyAnnotations(c, annotationCopy, copy.toString());
    return (long) taskIds.size() * annotators.size();
  }

  /**
   * One task's annotation results ({@link #LABEL_CONFIG}'s sentiment and an entity span), one per
   * annotator: each deviates from the task's reference answer with probability 1 - agreement.
   */
  public static List<String> taskResults(Random random, int annotators, double agreement) {
    Reference ref = Reference.random(random);
    List<String> results = new ArrayList<>(annotators);
    for (int a = 0; a < annotators; a++) {
      results.add(ref.answer(random, agreement));
    }
    return results;
  }

  /** One task's reference answer, from which annotators deviate with probability 1 - agreement. */
  private record Reference(int choice, int label, int start, int length) {
    static Reference random(Random r) {
      return new Reference(
          r.nextInt(CHOICES.length), r.nextInt(LABELS.length), r.nextInt(80), 5 + r.nextInt(15));
    }

    String answer(Random r, double agreement) {
      int c =
          r.nextDouble() < agreement
              ? choice
              : (choice + 1 + r.nextInt(CHOICES.length - 1)) % CHOICES.length;
      int s = r.nextDouble() < agreement ? start : Math.max(0, start + r.nextInt(11) - 5);
      int e = s + length;
      return "[{\"id\":\"c"
          + c
          + "\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\","
          + "\"value\":{\"choices\":[\""
          + CHOICES[c]
          + "\"]}},"
          + "{\"id\":\"s"
          + s
          + "\",\"from_name\":\"entities\",\"to_name\":\"text\",\"type\":\"labels\","
          + "\"value\":{\"start\":"
          + s
          + ",\"end\":"
          + e
          + ",\"labels\":[\""
          + LABELS[label]
          + "\"]}}]";
    }
  }

  private static void copyAnnotations(
      Connection c, LabelStudioRows.AnnotationCopy copy, String rows) throws SQLException {
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.statement(), new StringReader(rows));
    } catch (IOException e) {
      throw new SQLException("COPY of annotations failed", e);
    }
  }

  /** A member; the role goes in only where the table has Label Studio Enterprise's column. */
  private static long insertUser(LabelStudioRows rows, String email, long orgId, String role)
      throws SQLException {
    long userId = rows.user(email, orgId);
    rows.member(userId, orgId, role);
    return userId;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
