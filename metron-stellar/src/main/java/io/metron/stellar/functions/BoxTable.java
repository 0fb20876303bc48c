package io.metron.stellar.functions;

import java.util.List;

/**
 * The box-drawn text tables Metron's shell functions printed (the FlipTable layout): a double
 * frame, a header row, single rules between rows, and a "(empty)" row when there is no data.
 */
final class BoxTable {

  private BoxTable() {}

  static String of(List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    rule(out, widths, '╔', '═', '╤', '╗');
    row(out, widths, headers);
    if (rows.isEmpty()) {
      rule(out, widths, '╠', '═', '╧', '╣');
      int inner = -1;
      for (int w : widths) {
        inner += w + 3;
      }
      out.append('║').append(pad(" (empty)", inner)).append("║\n");
      rule(out, widths, '╚', '═', '═', '╝');
      return out.toString();
    }
    for (int r = 0; r < rows.size(); r++) {
      if (r == 0) {
        rule(out, widths, '╠', '═', '╪', '╣');
      } else {
        rule(out, widths, '╟', '─', '┼', '╢');
      }
      row(out, widths, rows.get(r));
    }
    rule(out, widths, '╚', '═', '╧', '╝');
    return out.toString();
  }

  private static void rule(
      StringBuilder out, int[] widths, char left, char line, char cross, char right) {
    out.append(left);
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        out.append(cross);
      }
      out.append(String.valueOf(line).repeat(widths[i] + 2));
    }
    out.append(right).append('\n');
  }

  private static void row(StringBuilder out, int[] widths, List<String> cells) {
    out.append('║');
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        out.append('│');
      }
      out.append(' ').append(pad(cells.get(i), widths[i])).append(' ');
    }
    out.append("║\n");
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
