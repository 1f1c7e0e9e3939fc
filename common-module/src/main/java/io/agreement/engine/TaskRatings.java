package io.agreement.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's contribution to Krippendorff's alpha and the statistics, in a compact binary form a
 * refresh stores per task and replays ({@link StoredRatings}) instead of re-reading and re-parsing
 * every annotation of the project. Per counted annotation: its id, user, update time and, per tag,
 * its alpha value (a Choices value by its choice, so category numbering is the replaying scorer's
 * own) and its set value.
 */
public final class TaskRatings {

  private static final byte VERSION = 1;
  private static final byte NO_CHOICE = 0;
  private static final byte CHOICE = 1;

  private TaskRatings() {}

  /**
   * @param annotations the task's counted, parsed annotations
   * @param updatedAt their update times in the list's order
   */
  public static byte[] encode(
      ProjectScorer scorer, List<ParsedAnnotation> annotations, long[] updatedAt) {
    List<ScoredTag> tags = scorer.tags();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + annotations.size() * 32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(annotations.size());
      out.writeInt(tags.size());
      for (int i = 0; i < annotations.size(); i++) {
        ParsedAnnotation a = annotations.get(i);
        out.writeLong(a.annotationId());
        out.writeLong(a.userId());
        out.writeLong(updatedAt[i]);
        for (int t = 0; t < tags.size(); t++) {
          writeAlpha(out, scorer, t, a.alphaValue(t));
          writeSet(out, a.setValue(t));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeAlpha(DataOutputStream out, ProjectScorer scorer, int tag, double value)
      throws IOException {
    if (scorer.tags().get(tag).settings().alphaLevel() == null) {
      return;
    }
    if ("Choices".equals(scorer.tags().get(tag).tag().type())) {
      if (Double.isNaN(value)) {
        out.writeByte(NO_CHOICE);
      } else {
        out.writeByte(CHOICE);
        out.writeUTF(scorer.alphaCategory(tag, (int) value));
      }
    } else {
      out.writeDouble(value);
    }
  }

  private static void writeSet(DataOutputStream out, String[] members) throws IOException {
    if (members == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(members.length);
    for (String m : members) {
      out.writeUTF(m);
    }
  }

  /** The decoded annotations, with their update times. */
  record Decoded(List<ParsedAnnotation> annotations, long[] updatedAt) {}

  /**
   * Rebuilds the annotations' alpha and set values for the scorer they were encoded with (same tags
   * in the same order).
   *
   * @throws IllegalArgumentException if the bytes are not such an encoding or the tags differ
   */
  static Decoded decode(ProjectScorer scorer, byte[] encoded) {
    List<ScoredTag> tags = scorer.tags();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      if (in.readByte() != VERSION) {
        throw new IllegalArgumentException("Unknown ratings encoding");
      }
      int n = in.readInt();
      if (in.readInt() != tags.size() || n < 0) {
        throw new IllegalArgumentException("Ratings encoded for other tags");
      }
      List<ParsedAnnotation> annotations = new ArrayList<>(n);
      long[] updatedAt = new long[n];
      for (int i = 0; i < n; i++) {
        long id = in.readLong();
        long user = in.readLong();
        updatedAt[i] = in.readLong();
        double[] alpha = new double[tags.size()];
        String[][] sets = new String[tags.size()][];
        for (int t = 0; t < tags.size(); t++) {
          alpha[t] = readAlpha(in, scorer, t);
          sets[t] = readSet(in);
        }
        annotations.add(
            new ParsedAnnotation(id, user, new Object[tags.size()], alpha, sets, 0, null, null));
      }
      return new Decoded(annotations, updatedAt);
    } catch (IOException e) {
      throw new IllegalArgumentException("Truncated ratings", e);
    }
  }

  private static double readAlpha(DataInputStream in, ProjectScorer scorer, int tag)
      throws IOException {
    if (scorer.tags().get(tag).settings().alphaLevel() == null) {
      return Double.NaN;
    }
    if ("Choices".equals(scorer.tags().get(tag).tag().type())) {
      return in.readByte() == CHOICE ? scorer.alphaIndex(tag, in.readUTF()) : Double.NaN;
    }
    return in.readDouble();
  }

  private static String[] readSet(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    String[] members = new String[length];
    for (int i = 0; i < length; i++) {
      members[i] = in.readUTF();
    }
    return members;
  }
}
