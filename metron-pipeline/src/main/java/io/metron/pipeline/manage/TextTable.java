package io.metron.pipeline.manage;

import java.util.List;

/**
 * The boxed text tables Metron's REPL functions print ({@code THREAT_TRIAGE_PRINT}, {@code
 * GROK_EVAL}, ...), in the same box-drawing layout, so what a user sees reads the same.
 */
public final class TextTable {
  private TextTable() {}

  /** A table of {@code headers} over {@code rows}; each row has one cell per header. */
  public static String of(List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    rule(sb, widths, '╔', '═', '╤', '╗');
    line(sb, widths, headers);
    rule(sb, widths, '╠', '═', '╪', '╣');
    if (rows.isEmpty()) {
      int inner = widths.length - 1;
      for (int w : widths) {
        inner += w + 2;
      }
      String empty = "(empty)";
      int left = Math.max(0, (inner - empty.length()) / 2);
      sb.append('║')
          .append(" ".repeat(left))
          .append(empty)
          .append(" ".repeat(Math.max(0, inner - left - empty.length())))
          .append("║\n");
    }
    for (int r = 0; r < rows.size(); r++) {
      if (r > 0) {
        rule(sb, widths, '╟', '─', '┼', '╢');
      }
      line(sb, widths, rows.get(r));
    }
    rule(sb, widths, '╚', '═', '╧', '╝');
    return sb.toString();
  }

  private static void rule(
      StringBuilder sb, int[] widths, char left, char fill, char cross, char right) {
    sb.append(left);
    for (int c = 0; c < widths.length; c++) {
      if (c > 0) {
        sb.append(cross);
      }
      sb.append(String.valueOf(fill).repeat(widths[c] + 2));
    }
    sb.append(right).append('\n');
  }

  private static void line(StringBuilder sb, int[] widths, List<String> cells) {
    sb.append('║');
    for (int c = 0; c < widths.length; c++) {
      if (c > 0) {
        sb.append('│');
      }
      String cell = cells.get(c);
      sb.append(' ').append(cell).append(" ".repeat(widths[c] - cell.length() + 1));
    }
    sb.append("║\n");
  }
}
