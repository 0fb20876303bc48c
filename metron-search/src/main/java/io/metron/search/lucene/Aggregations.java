package io.metron.search.lucene;

import io.metron.search.FieldType;
import io.metron.search.GroupRequest;
import io.metron.search.GroupResponse;
import io.metron.search.GroupResponse.GroupResult;
import io.metron.search.SearchRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Facet counts and group-by over doc values, in one pass over the matches. Keys are rendered as
 * text the way Elasticsearch renders terms-aggregation keys, so both back ends agree.
 */
final class Aggregations {
  private Aggregations() {}

  /**
   * Value counts per field, most frequent first (ties by value), at most {@link
   * SearchRequest#MAX_FACET_VALUES}. String-like fields count by ordinal per segment and resolve
   * each distinct value once, so a facet costs one array increment per match.
   */
  static Map<String, Map<String, Long>> facets(
      IndexSearcher searcher, Query query, List<String> fields, FieldTypes types)
      throws IOException {
    List<Map<String, Long>> counts = new ArrayList<>();
    List<ValueReader> readers = new ArrayList<>();
    for (String field : fields) {
      counts.add(new HashMap<>());
      readers.add(new ValueReader(field, types.get(field)));
    }
    searcher.search(
        query,
        single(
            new Visitor() {
              final long[][] ordCounts = new long[fields.size()][];

              @Override
              void leaf(LeafReader reader) throws IOException {
                finishSegment();
                for (int i = 0; i < readers.size(); i++) {
                  ValueReader r = readers.get(i);
                  r.open(reader);
                  ordCounts[i] =
                      r.strings != null && r.strings.getValueCount() <= 1 << 20
                          ? new long[(int) r.strings.getValueCount()]
                          : null;
                }
              }

              @Override
              void doc(int doc) throws IOException {
                for (int i = 0; i < readers.size(); i++) {
                  ValueReader r = readers.get(i);
                  if (ordCounts[i] != null) {
                    if (r.strings.advanceExact(doc)) {
                      for (int n = r.strings.docValueCount(); n > 0; n--) {
                        ordCounts[i][(int) r.strings.nextOrd()]++;
                      }
                    }
                  } else {
                    for (String key : r.values(doc)) {
                      counts.get(i).merge(key, 1L, Long::sum);
                    }
                  }
                }
              }

              @Override
              void finish() throws IOException {
                finishSegment();
              }

              private void finishSegment() throws IOException {
                for (int i = 0; i < readers.size(); i++) {
                  long[] c = ordCounts[i];
                  if (c == null) {
                    continue;
                  }
                  ValueReader r = readers.get(i);
                  for (int ord = 0; ord < c.length; ord++) {
                    if (c[ord] > 0) {
                      counts.get(i).merge(r.text(r.strings.lookupOrd(ord)), c[ord], Long::sum);
                    }
                  }
                  ordCounts[i] = null;
                }
              }
            }));
    Map<String, Map<String, Long>> result = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      Map<String, Long> top = new LinkedHashMap<>();
      counts.get(i).entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(SearchRequest.MAX_FACET_VALUES)
          .forEach(e -> top.put(e.getKey(), e.getValue()));
      result.put(fields.get(i), top);
    }
    return result;
  }

  /** Nested groups with counts and summed scores. */
  static GroupResponse group(
      IndexSearcher searcher, Query query, GroupRequest request, FieldTypes types)
      throws IOException {
    List<GroupRequest.Group> groups = request.groups();
    List<ValueReader> readers = new ArrayList<>();
    for (GroupRequest.Group g : groups) {
      readers.add(new ValueReader(g.field(), types.get(g.field())));
    }
    String scoreField = request.scoreField();
    FieldType scoreType = scoreField == null ? null : types.get(scoreField);
    Node rootNode = new Node();
    searcher.search(
        query,
        single(
            new Visitor() {
              SortedNumericDocValues scores;

              @Override
              void leaf(LeafReader reader) throws IOException {
                for (ValueReader r : readers) {
                  r.open(reader);
                }
                scores =
                    scoreType == FieldType.LONG || scoreType == FieldType.DOUBLE
                        ? DocValues.getSortedNumeric(reader, scoreField)
                        : null;
              }

              @Override
              void doc(int doc) throws IOException {
                double score = 0;
                if (scores != null && scores.advanceExact(doc)) {
                  for (int i = 0; i < scores.docValueCount(); i++) {
                    long raw = scores.nextValue();
                    score +=
                        scoreType == FieldType.DOUBLE
                            ? NumericUtils.sortableLongToDouble(raw)
                            : raw;
                  }
                }
                List<List<String>> keys = new ArrayList<>();
                for (ValueReader r : readers) {
                  keys.add(r.values(doc));
                }
                add(rootNode, keys, 0, score);
              }
            }));
    return new GroupResponse(groups.getFirst().field(), results(rootNode, groups, 0, types));
  }

  private static void add(Node node, List<List<String>> keys, int level, double score) {
    if (level == keys.size()) {
      return;
    }
    for (String key : keys.get(level)) {
      Node child = node.children.computeIfAbsent(key, k -> new Node());
      child.count++;
      child.score += score;
      add(child, keys, level + 1, score);
    }
  }

  private static List<GroupResult> results(
      Node node, List<GroupRequest.Group> groups, int level, FieldTypes types) {
    if (level == groups.size()) {
      return List.of();
    }
    GroupRequest.Group group = groups.get(level);
    FieldType type = types.get(group.field());
    boolean numeric = type == FieldType.LONG || type == FieldType.DOUBLE;
    Comparator<Map.Entry<String, Node>> byTerm =
        numeric
            ? Comparator.comparingDouble(e -> Double.parseDouble(e.getKey()))
            : Map.Entry.comparingByKey();
    Comparator<Map.Entry<String, Node>> order =
        group.order() == GroupRequest.Order.TERM
            ? (group.ascending() ? byTerm : byTerm.reversed())
            : (group.ascending()
                    ? Comparator.<Map.Entry<String, Node>>comparingLong(e -> e.getValue().count)
                    : Comparator.<Map.Entry<String, Node>>comparingLong(e -> e.getValue().count)
                        .reversed())
                .thenComparing(byTerm);
    String next = level + 1 < groups.size() ? groups.get(level + 1).field() : null;
    return node.children.entrySet().stream()
        .sorted(order)
        .limit(GroupRequest.MAX_GROUPS)
        .map(
            e ->
                new GroupResult(
                    e.getKey(),
                    e.getValue().count,
                    e.getValue().score,
                    next,
                    results(e.getValue(), groups, level + 1, types)))
        .toList();
  }

  private static final class Node {
    long count;
    double score;
    final Map<String, Node> children = new HashMap<>();
  }

  /** Reads a field's values of one document as text, whatever its type. */
  private static final class ValueReader {
    final String field;
    final FieldType type;
    SortedSetDocValues strings;
    SortedNumericDocValues numbers;

    ValueReader(String field, FieldType type) {
      this.field = field;
      this.type = type;
    }

    void open(LeafReader reader) throws IOException {
      strings = null;
      numbers = null;
      if (type == null || type == FieldType.TEXT || type == FieldType.GEO_POINT) {
        return;
      }
      if (type == FieldType.LONG || type == FieldType.DOUBLE) {
        numbers = DocValues.getSortedNumeric(reader, field);
      } else {
        strings = DocValues.getSortedSet(reader, field);
      }
    }

    String text(BytesRef term) {
      return type == FieldType.IP ? ipText(term) : term.utf8ToString();
    }

    List<String> values(int doc) throws IOException {
      if (numbers != null && numbers.advanceExact(doc)) {
        int n = numbers.docValueCount();
        List<String> out = new ArrayList<>(n);
        String last = null;
        for (int i = 0; i < n; i++) {
          long raw = numbers.nextValue();
          String key =
              type == FieldType.DOUBLE
                  ? Double.toString(NumericUtils.sortableLongToDouble(raw))
                  : Long.toString(raw);
          if (!key.equals(last)) {
            out.add(key);
          }
          last = key;
        }
        return out;
      }
      if (strings != null && strings.advanceExact(doc)) {
        int n = strings.docValueCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(text(strings.lookupOrd(strings.nextOrd())));
        }
        return out;
      }
      return List.of();
    }
  }

  static String ipText(BytesRef encoded) {
    byte[] bytes = new byte[encoded.length];
    System.arraycopy(encoded.bytes, encoded.offset, bytes, 0, encoded.length);
    return InetAddressPoint.decode(bytes).getHostAddress();
  }

  /** Visits every matching document, segment by segment, on the calling thread. */
  private abstract static class Visitor implements Collector {
    abstract void leaf(LeafReader reader) throws IOException;

    abstract void doc(int doc) throws IOException;

    /** Called once after the last segment. */
    void finish() throws IOException {}

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      leaf(context.reader());
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          doc(doc);
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  private static CollectorManager<Visitor, Void> single(Visitor visitor) {
    return new CollectorManager<>() {
      @Override
      public Visitor newCollector() {
        return visitor;
      }

      @Override
      public Void reduce(Collection<Visitor> collectors) throws IOException {
        visitor.finish();
        return null;
      }
    };
  }
}
