package io.metron.cli;

import io.metron.core.message.MessageFields;
import io.metron.search.AlertStatus;
import io.metron.search.CommentRequest;
import io.metron.search.GetRequest;
import io.metron.search.IndexedDocument;
import io.metron.search.PatchRequest;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchResponse.SearchHit;
import io.metron.search.SearchStore;
import io.metron.search.metaalert.MetaAlerts;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metron alerts}: the open alerts, highest score first, and their status changes. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
      "Lists open alerts (is_alert:true, not DISMISSed or RESOLVEd), highest threat score first.",
      "An active meta-alert is shown in place of the alerts it groups, as in Metron's Alerts UI.",
      "",
      "Examples:",
      "  metron alerts",
      "  metron alerts --since 1d --min-score 50",
      "  metron alerts --query 'ip_src_addr:10.0.0.1' --json",
      "  metron alerts status 8f1c2e3a-... OPEN --comment 'looking at it'",
    },
    subcommands = {AlertsCommand.Status.class})
final class AlertsCommand implements Callable<Integer> {
  private static final List<String> COLUMNS =
      List.of(
          "guid",
          "timestamp",
          "source.type",
          "threat.triage.score",
          "alert_status",
          "ip_src_addr",
          "ip_dst_addr");

  @Mixin Locations locations;

  @Mixin SearchTier searchTier;

  @Option(
      names = "--since",
      paramLabel = "AGE",
      defaultValue = "7d",
      description = "Only alerts newer than AGE (30m, 12h, 7d). Default: ${DEFAULT-VALUE}.")
  String since;

  @Option(
      names = "--min-score",
      paramLabel = "SCORE",
      description = "Only alerts scored at least SCORE.")
  Double minScore;

  @Option(
      names = "--query",
      paramLabel = "QUERY",
      description = "Narrow further with a Lucene query, e.g. 'source.type:snort'.")
  String query;

  @Option(names = "--all", description = "Include DISMISSed and RESOLVEd alerts.")
  boolean all;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "25",
      description = "Print at most N alerts. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--json", description = "Print each alert as one JSON document per line.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (limit < 0 || limit > SearchRequest.MAX_SIZE) {
      throw new UserException("--limit must be between 0 and " + SearchRequest.MAX_SIZE);
    }
    long fromTime = Instant.now().minus(TimeArgs.age("--since", since)).toEpochMilli();
    SearchRequest request =
        SearchRequest.of(query == null ? "*" : query, limit)
            .withTimeRange(fromTime, null)
            .withSort(List.of(new SearchRequest.SortField(MessageFields.THREAT_SCORE, false)));
    // A meta-alert is an alert by nature; alerts need the flag.
    request = request.withFilter("is_alert:true OR source.type:" + MetaAlerts.SENSOR);
    if (!all) {
      request = request.withFilter("NOT alert_status:(DISMISS OR RESOLVE) AND *:*");
    }
    if (minScore != null) {
      request = request.withFilter(MessageFields.THREAT_SCORE + ":[" + minScore + " TO *]");
    }
    SearchResponse response;
    try (SearchStore store = searchTier.openForCommand(locations)) {
      response = new MetaAlerts(store).search(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      for (SearchHit hit : response.hits()) {
        out.println(io.metron.core.message.MessageCodec.JSON.writeValueAsString(hit.source()));
      }
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(COLUMNS);
      for (SearchHit hit : response.hits()) {
        List<String> row = new ArrayList<>();
        for (String column : COLUMNS) {
          row.add(cell(column, hit.source()));
        }
        rows.add(row);
      }
      printRows(out, rows);
      spec.commandLine()
          .getErr()
          .printf(
              "%d of %d open alerts%s%n",
              response.hits().size(),
              response.total(),
              response.total() > response.hits().size() ? " (use --limit to see more)" : "");
    }
    out.flush();
    return 0;
  }

  static String cell(String column, Map<String, Object> source) {
    Object value = source.get(column);
    if (value == null) {
      return column.equals("alert_status") ? "NEW" : "";
    }
    if (column.equals("timestamp") && value instanceof Number n) {
      return Instant.ofEpochMilli(n.longValue()).toString();
    }
    String text = value.toString().replace('\n', ' ');
    return text.length() > 40 ? text.substring(0, 39) + "…" : text;
  }

  static void printRows(PrintWriter out, List<List<String>> rows) {
    int[] widths = new int[rows.getFirst().size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          b.append("  ");
        }
        b.append(row.get(i));
        if (i < row.size() - 1) {
          b.append(" ".repeat(widths[i] - row.get(i).length()));
        }
      }
      out.println(b);
    }
  }

  /** {@code metron alerts status GUID STATUS}: moves an alert through Metron's workflow. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Sets an alert's status (kept in its alert_status field) and optionally comments on it.",
        "The change is copied into any meta-alert that contains the alert.",
        "",
        "Statuses: NEW, OPEN, ESCALATE, DISMISS, RESOLVE.",
        "",
        "While 'metron run' runs on the same --data, the change goes through its REST API (the",
        "one writer of alert state, which audits it); otherwise it is written to the index.",
        "",
        "Example:",
        "  metron alerts status 8f1c2e3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b ESCALATE --comment 'C2"
            + " beacon'",
      })
  static final class Status implements Callable<Integer> {
    @Mixin Locations locations;

    @Mixin SearchTier searchTier;

    @Parameters(index = "0", paramLabel = "GUID", description = "The alert's guid.")
    String guid;

    @Parameters(
        index = "1",
        paramLabel = "STATUS",
        description = "NEW, OPEN, ESCALATE, DISMISS or RESOLVE.")
    String status;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Add this comment too.")
    String comment;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "Who comments. Default: the USER environment variable.")
    String user;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      AlertStatus parsed;
      try {
        parsed = AlertStatus.parse(status);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
      String who =
          user != null
              ? user
              : System.getenv().getOrDefault("USER", System.getProperty("user.name", "unknown"));
      Optional<ServerClient> running = ServerClient.find(locations.data);
      if (running.isPresent()) {
        try (ServerClient server = running.get()) {
          server.send(
              "PATCH",
              "/api/v1/update/patch",
              Map.of(
                  "guid",
                  guid,
                  "patch",
                  List.of(
                      Map.of(
                          "op",
                          "add",
                          "path",
                          "/" + MessageFields.ALERT_STATUS,
                          "value",
                          parsed.name()))));
          if (comment != null) {
            server.send(
                "POST",
                "/api/v1/update/add/comment",
                Map.of(
                    "guid",
                    guid,
                    "comment",
                    comment,
                    "username",
                    who,
                    "timestamp",
                    System.currentTimeMillis()));
          }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(guid + " is now " + parsed.name());
        out.flush();
        return 0;
      }
      try (SearchStore store = searchTier.openForUpdate(locations)) {
        MetaAlerts metas = new MetaAlerts(store);
        IndexedDocument alert = store.require(new GetRequest(guid, null));
        metas.patch(
            PatchRequest.set(guid, alert.sensorType(), MessageFields.ALERT_STATUS, parsed.name()));
        if (comment != null) {
          IndexedDocument commented =
              store.addComment(
                  new CommentRequest(
                      guid, alert.sensorType(), comment, who, System.currentTimeMillis()));
          metas.refreshCopies(commented);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(guid + " is now " + parsed.name());
      out.flush();
      return 0;
    }
  }
}
