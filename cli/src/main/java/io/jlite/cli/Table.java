package io.jlite.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: columns separated by two spaces; a column is right-aligned if any of its data
 * cells is a {@link Number}, or if {@link #alignRight} says so.
 */
final class Table {
  private final String indent;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<Boolean> rightAligned = new ArrayList<>();

  /**
   * @param indent printed before every row
   */
  Table(String indent) {
    this.indent = indent;
  }

  /** Right-aligns the given columns (0-based) whatever their cells hold. */
  Table alignRight(int... columns) {
    for (int c : columns) {
      while (rightAligned.size() <= c) {
        rightAligned.add(false);
      }
      rightAligned.set(c, true);
    }
    return this;
  }

  /** Adds a header row (its cells never decide the alignment). */
  Table header(String... cells) {
    return add(false, (Object[]) cells);
  }

  /** Adds a data row; cells are printed with {@link String#valueOf(Object)}. */
  Table row(Object... cells) {
    return add(true, cells);
  }

  private Table add(boolean data, Object... cells) {
    List<String> row = new ArrayList<>();
    for (int c = 0; c < cells.length; c++) {
      row.add(String.valueOf(cells[c]));
      while (rightAligned.size() <= c) {
        rightAligned.add(false);
      }
      if (data && cells[c] instanceof Number) {
        rightAligned.set(c, true);
      }
    }
    rows.add(row);
    return this;
  }

  void print(PrintWriter out) {
    int[] widths = new int[rightAligned.size()];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        String pad = " ".repeat(widths[c] - cell.length());
        if (c > 0) {
          line.append("  ");
        }
        if (rightAligned.get(c)) {
          line.append(pad).append(cell);
        } else {
          line.append(cell).append(c == row.size() - 1 ? "" : pad);
        }
      }
      out.println(line);
    }
  }
}
