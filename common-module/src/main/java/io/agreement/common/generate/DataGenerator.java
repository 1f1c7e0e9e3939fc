package io.agreement.common.generate;

import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Fills the Label Studio source tables with an organization, its owner and token, annotators,
 * projects, tasks and annotations whose agreement is tunable. Annotations go in with COPY.
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

  public GeneratedOrganization generate(GeneratorOptions options) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      GeneratedOrganization org = generate(c, options);
      c.commit();
      analyze(c);
      return org;
    }
  }

  private GeneratedOrganization generate(Connection c, GeneratorOptions o) throws SQLException {
    Random random = new Random(o.seed());
    long orgId =
        insertId(c, "INSERT INTO organization (title) VALUES (?) RETURNING id", o.organization());
    String suffix = HexFormat.of().formatHex(randomBytes(4));
    String email = o.ownerEmail() != null ? o.ownerEmail() : "owner-" + suffix + "@example.com";
    long ownerId = insertUser(c, email, orgId, "OWNER");
    String token = o.token() != null ? o.token() : HexFormat.of().formatHex(randomBytes(20));
    update(c, "INSERT INTO authtoken_token (key, user_id) VALUES (?, ?)", token, ownerId);
    List<Long> annotators = new ArrayList<>();
    for (int i = 1; i <= o.annotators(); i++) {
      annotators.add(
          insertUser(c, "annotator" + i + "-" + suffix + "@example.com", orgId, "ANNOTATOR"));
    }
    List<Long> projects = new ArrayList<>();
    long annotations = 0;
    for (int p = 0; p < o.projects(); p++) {
      boolean broken = p >= o.projects() - o.brokenProjects();
      long projectId =
          insertProject(
              c, orgId, "Project " + (p + 1), broken ? BROKEN_LABEL_CONFIG : LABEL_CONFIG);
      projects.add(projectId);
      annotations += fillProject(c, projectId, o, annotators, random);
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
      Connection c, long projectId, GeneratorOptions o, List<Long> annotators, Random random)
      throws SQLException {
    List<Long> taskIds = insertTasks(c, projectId, o.tasks());
    StringBuilder copy = new StringBuilder(1 << 20);
    for (long taskId : taskIds) {
      if (copy.length() > COPY_CHUNK_CHARS) {
        copyAnnotations(c, copy.toString());
        copy.setLength(0);
      }
      Reference ref = Reference.random(random);
      for (long annotator : annotators) {
        String result = ref.answer(random, o.agreement());
        copy.append(taskId)
            .append('\t')
            .append(projectId)
            .append('\t')
            .append(annotator)
            .append('\t')
            .append(result.replace("\\", "\\\\"))
            .append('\n');
      }
    }
    copyAnnotations(c, copy.toString());
    return (long) taskIds.size() * annotators.size();
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

  private static List<Long> insertTasks(Connection c, long projectId, int count)
      throws SQLException {
    String sql =
        """
        INSERT INTO task (project_id, data)
        SELECT ?, jsonb_build_object('text', 'Generated task text number ' || g)
        FROM generate_series(1, ?) g
        RETURNING id
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, projectId);
      ps.setInt(2, count);
      List<Long> ids = new ArrayList<>(count);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      ids.sort(null);
      return ids;
    }
  }

  private static void copyAnnotations(Connection c, String rows) throws SQLException {
    try {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY task_completion (task_id, project_id, completed_by_id, result) FROM STDIN",
              new StringReader(rows));
    } catch (IOException e) {
      throw new SQLException("COPY of annotations failed", e);
    }
  }

  private static long insertUser(Connection c, String email, long orgId, String role)
      throws SQLException {
    long userId =
        insertId(
            c,
            """
        INSERT INTO htx_user (email, username, active_organization_id)
        VALUES (?, ?, ?) RETURNING id
        """,
            email,
            email,
            orgId);
    update(
        c,
        "INSERT INTO organizations_organizationmember (user_id, organization_id, role) VALUES (?, ?, ?)",
        userId,
        orgId,
        role);
    return userId;
  }

  private static long insertProject(Connection c, long orgId, String title, String config)
      throws SQLException {
    return insertId(
        c,
        "INSERT INTO project (title, label_config, organization_id) VALUES (?, ?, ?) RETURNING id",
        title,
        config,
        orgId);
  }

  private static long insertId(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = bind(c.prepareStatement(sql), args);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = bind(c.prepareStatement(sql), args)) {
      ps.executeUpdate();
    }
  }

  private static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
