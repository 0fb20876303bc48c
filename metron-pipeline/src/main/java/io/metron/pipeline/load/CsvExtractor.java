package io.metron.pipeline.load;

import io.metron.pipeline.enrich.LookupKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metron's CSV extractor. Settings, as in Metron:
 *
 * <ul>
 *   <li>{@code columns}: a map of name to 0-based position, a list of names (position = index; a
 *       {@code "name:position"} entry sets it explicitly) or a comma-separated string of them;
 *   <li>{@code indicator_column}: the column holding the indicator;
 *   <li>{@code type} (fixed enrichment type) or {@code type_column} (a column holding it);
 *   <li>{@code separator}: one character, default {@code ,}; fields may be double-quoted.
 * </ul>
 *
 * The row's value maps every configured column to its text, the indicator column included, as
 * Metron's did. Lines starting with {@code #} and blank lines are skipped. Immutable, thread-safe.
 */
public final class CsvExtractor implements Extractor {
  private final Map<String, Integer> columns;
  private final int indicatorColumn;
  private final String type;
  private final int typeColumn;
  private final char separator;
  private final int width;

  private CsvExtractor(
      Map<String, Integer> columns, int indicatorColumn, String type, int typeColumn, char sep) {
    this.columns = columns;
    this.indicatorColumn = indicatorColumn;
    this.type = type;
    this.typeColumn = typeColumn;
    this.separator = sep;
    int max = Math.max(indicatorColumn, typeColumn);
    for (int position : columns.values()) {
      max = Math.max(max, position);
    }
    this.width = max + 1;
  }

  /** Builds the extractor from its settings; a bad setting is reported with its key. */
  public static CsvExtractor create(Map<String, Object> config) throws LoadException {
    Map<String, Integer> columns = columns(config.get("columns"));
    Object indicator = config.get("indicator_column");
    if (indicator == null) {
      throw new LoadException("config.indicator_column: required: the column of the indicator");
    }
    Integer indicatorColumn = columns.get(indicator.toString());
    if (indicatorColumn == null) {
      throw new LoadException(
          "config.indicator_column: '"
              + indicator
              + "' is not one of the columns "
              + columns.keySet());
    }
    String type = config.get("type") == null ? null : config.get("type").toString();
    int typeColumn = -1;
    if (type == null) {
      Object column = config.get("type_column");
      if (column == null) {
        throw new LoadException(
            "config.type: required (the enrichment type of every row), or type_column");
      }
      Integer position = columns.get(column.toString());
      if (position == null) {
        throw new LoadException(
            "config.type_column: '" + column + "' is not one of the columns " + columns.keySet());
      }
      typeColumn = position;
    }
    char separator = ',';
    Object sep = config.get("separator");
    if (sep != null) {
      String s = sep.toString();
      if (s.equals("\\t")) {
        s = "\t";
      }
      if (s.length() != 1) {
        throw new LoadException("config.separator: expected one character, got '" + sep + "'");
      }
      separator = s.charAt(0);
    }
    Object converter = config.get("lookup_converter");
    if (converter != null && !"ENRICHMENT".equalsIgnoreCase(converter.toString())) {
      throw new LoadException(
          "config.lookup_converter: only ENRICHMENT is supported, got '" + converter + "'");
    }
    return new CsvExtractor(columns, indicatorColumn, type, typeColumn, separator);
  }

  private static Map<String, Integer> columns(Object spec) throws LoadException {
    if (spec == null) {
      throw new LoadException("config.columns: required: the names and positions of the columns");
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    if (spec instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(e.getKey().toString(), position(e.getKey(), e.getValue()));
      }
    } else {
      List<?> names = spec instanceof List<?> list ? list : List.of(spec.toString().split(",", -1));
      for (int i = 0; i < names.size(); i++) {
        String name = String.valueOf(names.get(i)).trim();
        int colon = name.lastIndexOf(':');
        if (colon > 0) {
          out.put(name.substring(0, colon), position(name, name.substring(colon + 1)));
        } else {
          out.put(name, i);
        }
      }
    }
    if (out.isEmpty()) {
      throw new LoadException("config.columns: no columns given");
    }
    return Collections.unmodifiableMap(out);
  }

  private static int position(Object name, Object value) throws LoadException {
    try {
      int p = Integer.parseInt(String.valueOf(value).trim());
      if (p < 0) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new LoadException(
          "config.columns: column '" + name + "' has position '" + value + "', not a number >= 0");
    }
  }

  @Override
  public List<TableRow> extract(String line) throws BadRowException {
    if (line.isBlank() || line.stripLeading().startsWith("#")) {
      return List.of();
    }
    List<String> tokens = split(line, separator);
    if (tokens.size() < width) {
      throw new BadRowException(
          "has " + tokens.size() + " column(s), the extractor config needs " + width);
    }
    String indicator = tokens.get(indicatorColumn);
    String rowType = type != null ? type : tokens.get(typeColumn);
    if (rowType.isEmpty()) {
      throw new BadRowException("the type column is empty");
    }
    Map<String, Object> value = new LinkedHashMap<>(columns.size() * 2);
    for (Map.Entry<String, Integer> e : columns.entrySet()) {
      value.put(e.getKey(), tokens.get(e.getValue()));
    }
    return List.of(new TableRow(new LookupKey(rowType, indicator), value));
  }

  /**
   * Splits a line on {@code separator}; double quotes enclose fields and {@code ""} escapes one.
   */
  static List<String> split(String line, char separator) throws BadRowException {
    List<String> out = new ArrayList<>(8);
    int n = line.length();
    int i = 0;
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder field = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new BadRowException("a quoted field is not closed");
          }
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        out.add(field.toString());
        if (i < n && line.charAt(i) != separator) {
          throw new BadRowException("text after a closing quote at position " + (i + 1));
        }
      } else {
        int end = line.indexOf(separator, i);
        if (end < 0) {
          end = n;
        }
        out.add(line.substring(i, end));
        i = end;
      }
      if (i >= n) {
        return out;
      }
      i++; // skip the separator
      if (i == n) {
        out.add("");
        return out;
      }
    }
  }
}
