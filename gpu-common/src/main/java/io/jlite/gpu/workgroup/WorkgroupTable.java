package io.jlite.gpu.workgroup;

import io.jlite.gpu.kernel.Grid;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Workgroup sizes kept as data: rows keyed by API, vendor pattern, {@link OpKind} and {@link
 * GridClass}, each with the evidence it rests on. The built-in table is the resource {@code
 * workgroups.tsv} next to this class (its header explains the columns).
 *
 * <p>Which row applies: the first, in file order, whose API equals the device's (or is {@code *}),
 * whose vendor pattern is found in the device description (case-insensitive regex, or {@code *}),
 * and whose op kind and grid class equal the kernel's (or are {@code *}). A table must end with a
 * row of four {@code *}, so every kernel gets a row.
 */
public final class WorkgroupTable {
  private static final String RESOURCE = "workgroups.tsv";
  private static final WorkgroupTable BUILT_IN = loadBuiltIn();

  /**
   * One row.
   *
   * @param api the API it applies to; empty: any
   * @param vendor the vendor pattern; empty: any device
   * @param kind the op kind; empty: any
   * @param gridClass the grid class; empty: any
   * @param workgroup the size (powers of two)
   * @param evidence where the row comes from (measured where, or the heuristic's reason)
   * @param line the row's line in its file, for messages
   */
  public record Row(
      Optional<String> api,
      Optional<Pattern> vendor,
      Optional<OpKind> kind,
      Optional<GridClass> gridClass,
      Grid workgroup,
      String evidence,
      int line) {

    /** Whether this row applies to {@code kind} kernels of class {@code gridClass} on device. */
    public boolean matches(GpuDevice device, OpKind opKind, GridClass grid) {
      return api.map(a -> a.equalsIgnoreCase(device.api())).orElse(true)
          && vendor.map(p -> p.matcher(device.description()).find()).orElse(true)
          && kind.map(k -> k == opKind).orElse(true)
          && gridClass.map(g -> g == grid).orElse(true);
    }

    boolean matchesEverything() {
      return api.isEmpty() && vendor.isEmpty() && kind.isEmpty() && gridClass.isEmpty();
    }
  }

  private final List<Row> rows;

  private WorkgroupTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The table shipped with gpu-common. */
  public static WorkgroupTable builtIn() {
    return BUILT_IN;
  }

  /** The rows, in file order. */
  public List<Row> rows() {
    return rows;
  }

  /** The row that applies to a {@code kind} kernel over {@code grid} on {@code device}. */
  public Row lookup(GpuDevice device, OpKind kind, Grid grid) {
    GridClass gridClass = GridClass.of(grid);
    for (Row row : rows) {
      if (row.matches(device, kind, gridClass)) {
        return row;
      }
    }
    throw new IllegalStateException("parse() guarantees a last row matching everything");
  }

  /**
   * Reads a table: one row per line, tab-separated columns {@code api vendor_pattern op_kind
   * grid_class x y z evidence}; {@code #} starts a comment line; blank lines are skipped.
   *
   * @param origin names the table in error messages
   * @throws IllegalArgumentException naming the line, for a malformed row or a table without a
   *     final catch-all row
   */
  public static WorkgroupTable parse(Reader text, String origin) {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(text)) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(row(line, origin, number));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading workgroup table " + origin, e);
    }
    if (rows.isEmpty() || !rows.get(rows.size() - 1).matchesEverything()) {
      throw new IllegalArgumentException(
          "workgroup table " + origin + ": the last row must be '*\t*\t*\t*' (match everything)");
    }
    return new WorkgroupTable(rows);
  }

  private static Row row(String line, String origin, int number) {
    String[] c = line.split("\t", -1);
    String where = "workgroup table " + origin + " line " + number;
    if (c.length != 8) {
      throw new IllegalArgumentException(
          where + ": expected 8 tab-separated columns, found " + c.length + ": " + line);
    }
    try {
      Grid workgroup = new Grid(size(c[4]), size(c[5]), size(c[6]));
      return new Row(
          any(c[0]),
          any(c[1]).map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)),
          any(c[2]).map(OpKind::parse),
          any(c[3]).map(g -> GridClass.valueOf(g.toUpperCase(Locale.ROOT))),
          workgroup,
          c[7].strip(),
          number);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": bad vendor pattern: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> any(String column) {
    String v = column.strip();
    return v.equals("*") ? Optional.empty() : Optional.of(v);
  }

  private static int size(String column) {
    int n;
    try {
      n = Integer.parseInt(column.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size '" + column + "' is not a number", e);
    }
    if (n < 1 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("size " + n + " is not a power of two");
    }
    return n;
  }

  private static WorkgroupTable loadBuiltIn() {
    InputStream in = WorkgroupTable.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("gpu-common is missing its resource " + RESOURCE);
    }
    return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
  }
}
