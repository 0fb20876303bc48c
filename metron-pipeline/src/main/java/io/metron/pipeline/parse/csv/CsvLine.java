package io.metron.pipeline.parse.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one delimited line. A field may be quoted with {@code "}, inside which the separator is
 * data and {@code ""} is a quote; with {@code keepQuotes} the quotes stay in the value (PAN-OS
 * fields are unquoted field by field).
 */
final class CsvLine {
  private CsvLine() {}

  static List<String> split(String line, char separator, boolean keepQuotes) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            if (keepQuotes) {
              field.append('"');
            }
            i++;
          } else {
            quoted = false;
            if (keepQuotes) {
              field.append(c);
            }
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        if (keepQuotes) {
          field.append(c);
        }
      } else if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
