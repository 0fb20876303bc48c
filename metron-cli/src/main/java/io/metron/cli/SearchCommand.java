package io.metron.cli;

import io.metron.core.message.MessageCodec;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchResponse.SearchHit;
import io.metron.search.SearchStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metron search}: query the search index from the command line. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches the index (Lucene query syntax) and prints the newest matches as a table.",
      "Works while 'metron run' is running, on what it has committed (within about a second).",
      "",
      "Examples:",
      "  metron search 'ip_src_addr:10.0.0.1'",
      "  metron search 'protocol:dns AND ip_dst_port:53' --since 1h",
      "  metron search 'ip_dst_port:[1 TO 1024]' --json | jq .guid",
      "  metron search '*' --count --sensor bro",
      "  metron search 'source.type:error' --fields error_type,message,raw_message",
      "  metron search 'is_alert:true' --sort threat.triage.score:desc --from 2025-11-28 --to 1h",
      "  metron search '*' --since 1d --facet source.type --facet ip_src_addr --limit 0",
      "",
      "Query syntax: field:value, field:[low TO high], field:\"10.0.0.0/8\" for addresses,",
      "_exists_:field, AND/OR/NOT, wildcards (host:*.example.com); a bare word searches the raw",
      "event text. Every search is bounded: at most --limit matches are printed.",
    })
final class SearchCommand implements Callable<Integer> {
  private static final List<String> DEFAULT_COLUMNS =
      List.of(
          "timestamp",
          "source.type",
          "ip_src_addr",
          "ip_src_port",
          "ip_dst_addr",
          "ip_dst_port",
          "protocol");
  private static final int MAX_CELL = 40;

  @Mixin Locations locations;

  @Mixin SearchTier searchTier;

  @Parameters(
      paramLabel = "QUERY",
      defaultValue = "*",
      description = "Lucene query, e.g. 'ip_src_addr:10.0.0.1'; '*' matches everything.")
  String query;

  @Option(names = "--json", description = "Print each match as one JSON document per line.")
  boolean json;

  @Option(names = "--count", description = "Print only the number of matches.")
  boolean count;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Print at most N matches, newest first. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(
      names = "--sensor",
      paramLabel = "NAME",
      split = ",",
      description = "Search only these sensors' indices (e.g. bro,snort or error).")
  List<String> sensors = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "AGE",
      description = "Only events newer than AGE: 30s, 15m, 2h, 7d.")
  String since;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description =
          "Only events at or after TIME: an age (2h), 2025-11-28T10:00:00Z or 2025-11-28.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Only events before TIME (same forms as --from).")
  String to;

  @Option(
      names = "--sort",
      paramLabel = "FIELD[:asc|desc]",
      description =
          "Sort by FIELD (repeat for ties); numbers sort as numbers. Default: newest first.")
  List<String> sort = new ArrayList<>();

  @Option(
      names = "--facet",
      paramLabel = "FIELD",
      description = "After the matches, print the most frequent values of FIELD and their counts.")
  List<String> facets = new ArrayList<>();

  @Option(
      names = "--fields",
      paramLabel = "F1,F2",
      split = ",",
      description = "Columns (or, with --json, fields) to print.")
  List<String> fields = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (limit < 0 || limit > SearchRequest.MAX_SIZE) {
      throw new UserException("--limit must be between 0 and " + SearchRequest.MAX_SIZE);
    }
    Instant now = Instant.now();
    if (since != null && from != null) {
      throw new UserException("give either --since or --from, not both");
    }
    Long fromTime = since == null ? null : now.minus(parseAge(since)).toEpochMilli();
    if (from != null) {
      fromTime = TimeArgs.instant("--from", from, now).toEpochMilli();
    }
    Long toTime = to == null ? null : TimeArgs.instant("--to", to, now).toEpochMilli();
    if (fromTime != null && toTime != null && fromTime > toTime) {
      throw new UserException("--from is after --to");
    }
    List<SearchRequest.SortField> sortFields = new ArrayList<>();
    for (String spec : sort) {
      sortFields.add(SearchRequest.SortField.parse(spec));
    }
    SearchRequest request =
        new SearchRequest(
            query,
            sensors,
            0,
            count ? 0 : limit,
            fromTime,
            toTime,
            sortFields,
            json ? fields : List.of(),
            facets);
    SearchResponse response;
    try (SearchStore store = searchTier.openForCommand(locations)) {
      response = store.search(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (count) {
      out.println(response.total());
    } else if (json) {
      for (SearchHit hit : response.hits()) {
        out.println(MessageCodec.JSON.writeValueAsString(hit.source()));
      }
    } else {
      printTable(out, response);
    }
    printFacets(out, response);
    out.flush();
    return 0;
  }

  private void printTable(PrintWriter out, SearchResponse response) {
    List<String> columns = fields.isEmpty() ? DEFAULT_COLUMNS : fields;
    List<List<String>> rows = new ArrayList<>();
    for (SearchHit hit : response.hits()) {
      List<String> row = new ArrayList<>();
      for (String column : columns) {
        row.add(cell(column, hit.source()));
      }
      rows.add(row);
    }
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(line(columns, widths));
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
    System.err.printf(
        "%d of %d matches%s%n",
        rows.size(),
        response.total(),
        response.total() > rows.size() ? " (use --limit to see more)" : "");
  }

  private static void printFacets(PrintWriter out, SearchResponse response) {
    response
        .facetCounts()
        .forEach(
            (field, counts) -> {
              out.println();
              out.println(field + ":");
              int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
              counts.forEach(
                  (value, n) ->
                      out.println("  " + value + " ".repeat(width - value.length()) + "  " + n));
            });
  }

  private static String cell(String column, Map<String, Object> source) {
    Object value = source.get(column);
    if (value == null) {
      return "";
    }
    String text =
        column.equals("timestamp") && value instanceof Number n
            ? Instant.ofEpochMilli(n.longValue()).toString()
            : value.toString();
    text = text.replace('\n', ' ');
    return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append("  ");
      }
      String c = cells.get(i);
      b.append(c);
      if (i < cells.size() - 1) {
        b.append(" ".repeat(widths[i] - c.length()));
      }
    }
    return b.toString();
  }

  static Duration parseAge(String age) throws UserException {
    return TimeArgs.age("--since", age);
  }
}
