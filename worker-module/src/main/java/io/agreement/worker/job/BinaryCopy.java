package io.agreement.worker.job;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows of one table in PostgreSQL's binary COPY format (the "Binary Format" section of the COPY
 * documentation), buffered and sent in one COPY. Numbers travel as their bytes: neither side
 * formats or parses a decimal, and arrays need no literal syntax or escaping. Each value's type
 * must be the column's exactly (int4 for integer, float8 for double precision, ...).
 */
final class BinaryCopy {

  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };
  private static final int INT4 = 23;
  private static final int FLOAT8 = 701;
  private static final int TEXT = 25;
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

  private final String sql;
  private final short columns;
  private byte[] buffer = new byte[1 << 16];
  private int length;
  private int rows;

  /**
   * @param target the table and its columns, "schema.table (a, b, c)"
   * @param columns how many columns each row has
   */
  BinaryCopy(String target, int columns) {
    this.sql = "COPY " + target + " FROM STDIN (FORMAT binary)";
    this.columns = (short) columns;
    clear();
  }

  /** Starts a row; exactly as many values as columns follow. */
  BinaryCopy row() {
    int16(columns);
    rows++;
    return this;
  }

  BinaryCopy nullValue() {
    int32(-1);
    return this;
  }

  BinaryCopy int4(long value) {
    int32(4);
    int32(Math.toIntExact(value));
    return this;
  }

  BinaryCopy int8(long value) {
    int32(8);
    int64(value);
    return this;
  }

  BinaryCopy bool(boolean value) {
    int32(1);
    ensure(1);
    buffer[length++] = (byte) (value ? 1 : 0);
    return this;
  }

  /** A double precision value; one that is not a finite number is NULL. */
  BinaryCopy float8(double value) {
    if (!Double.isFinite(value)) {
      return nullValue();
    }
    int32(8);
    int64(Double.doubleToRawLongBits(value));
    return this;
  }

  BinaryCopy float8(Double value) {
    return value == null ? nullValue() : float8(value.doubleValue());
  }

  BinaryCopy text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int32(bytes.length);
    bytes(bytes);
    return this;
  }

  /** jsonb's binary form: a version byte, then the JSON text. */
  BinaryCopy jsonb(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    int32(bytes.length + 1);
    ensure(1);
    buffer[length++] = 1;
    bytes(bytes);
    return this;
  }

  BinaryCopy bytea(byte[] value) {
    int32(value.length);
    bytes(value);
    return this;
  }

  BinaryCopy timestamptz(Instant value) {
    int32(8);
    int64((value.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + value.getNano() / 1_000);
    return this;
  }

  BinaryCopy int4Array(long[] values) {
    int start = arrayHeader(INT4, values.length, false);
    for (long value : values) {
      int32(4);
      int32(Math.toIntExact(value));
    }
    return arrayEnd(start);
  }

  BinaryCopy int4Array(int[] values) {
    int start = arrayHeader(INT4, values.length, false);
    for (int value : values) {
      int32(4);
      int32(value);
    }
    return arrayEnd(start);
  }

  /**
   * A double precision[] of {@code count} values; a value that is not a finite number, or every
   * value when the array is null, is a NULL element.
   */
  BinaryCopy float8Array(double[] values, int count) {
    boolean nulls = values == null;
    for (int i = 0; !nulls && i < count; i++) {
      nulls = !Double.isFinite(values[i]);
    }
    int start = arrayHeader(FLOAT8, count, nulls);
    for (int i = 0; i < count; i++) {
      double v = values == null ? Double.NaN : values[i];
      if (Double.isFinite(v)) {
        int32(8);
        int64(Double.doubleToRawLongBits(v));
      } else {
        int32(-1);
      }
    }
    return arrayEnd(start);
  }

  BinaryCopy textArray(String[] values) {
    int start = arrayHeader(TEXT, values.length, false);
    for (String value : values) {
      text(value);
    }
    return arrayEnd(start);
  }

  /**
   * Hands the buffered rows over to a copy of their own, to be sent elsewhere (another thread), and
   * starts this one afresh.
   */
  BinaryCopy detach() {
    BinaryCopy rows = new BinaryCopy(sql, columns, buffer, length, this.rows);
    buffer = new byte[Math.max(1 << 16, length)];
    clear();
    return rows;
  }

  private BinaryCopy(String sql, short columns, byte[] buffer, int length, int rows) {
    this.sql = sql;
    this.columns = columns;
    this.buffer = buffer;
    this.length = length;
    this.rows = rows;
  }

  /** Rows buffered since the last {@link #send}. */
  int rows() {
    return rows;
  }

  /** Sends the buffered rows, if any, and empties the buffer. */
  void send(CopyManager copy) throws SQLException {
    if (rows == 0) {
      return;
    }
    int16((short) -1);
    CopyIn in = copy.copyIn(sql);
    try {
      in.writeToCopy(buffer, 0, length);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
    clear();
  }

  private void clear() {
    length = 0;
    rows = 0;
    bytes(HEADER);
  }

  /** Writes the array's length placeholder and header; returns where its value starts. */
  private int arrayHeader(int elementType, int count, boolean nulls) {
    int32(0);
    int start = length;
    if (count == 0) {
      int32(0);
      int32(0);
      int32(elementType);
      return start;
    }
    int32(1);
    int32(nulls ? 1 : 0);
    int32(elementType);
    int32(count);
    int32(1);
    return start;
  }

  private BinaryCopy arrayEnd(int start) {
    putInt(start - 4, length - start);
    return this;
  }

  private void int16(short value) {
    ensure(2);
    buffer[length++] = (byte) (value >>> 8);
    buffer[length++] = (byte) value;
  }

  private void int32(int value) {
    ensure(4);
    putInt(length, value);
    length += 4;
  }

  private void int64(long value) {
    int32((int) (value >>> 32));
    int32((int) value);
  }

  private void bytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void putInt(int at, int value) {
    buffer[at] = (byte) (value >>> 24);
    buffer[at + 1] = (byte) (value >>> 16);
    buffer[at + 2] = (byte) (value >>> 8);
    buffer[at + 3] = (byte) value;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
