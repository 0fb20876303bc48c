package io.metron.search.lucene;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.search.SearchException;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchResponse.SearchHit;
import io.metron.search.SearchStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded search store: a directory of Lucene indices, one per sensor per day ({@code
 * bro_index_2026.11.28}), under a root directory.
 *
 * <p>One process writes (Lucene's write lock enforces it); any number of processes may search, and
 * see everything committed. Writes replace by {@code guid}. Thread-safe.
 */
public final class LuceneSearchStore implements SearchStore {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path root;
  private final FieldTypes types;
  private final DocumentMapper mapper;
  private final boolean writable;
  private final Map<String, IndexWriter> writers = new ConcurrentHashMap<>();

  private LuceneSearchStore(Path root, boolean writable) throws IOException {
    this.root = root;
    this.writable = writable;
    this.types = FieldTypes.load(root);
    this.mapper = new DocumentMapper(types);
  }

  /** Opens (creating if needed) the store under {@code root} for writing and searching. */
  public static LuceneSearchStore open(Path root) throws IOException {
    Files.createDirectories(root);
    return new LuceneSearchStore(root, true);
  }

  /**
   * Opens the store under {@code root} for searching only, e.g. from the command line while the
   * platform writes in another process. Sees what the writer has committed.
   */
  public static LuceneSearchStore openReadOnly(Path root) throws IOException {
    return new LuceneSearchStore(root, false);
  }

  /** The index a message belongs in: its sensor and the UTC day of its timestamp. */
  public static String indexName(Message message) {
    String sensor = message.sourceType();
    String safe =
        sensor == null
            ? "unknown"
            : sensor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
    Long ts = message.timestamp();
    return safe + "_index_" + DAY.format(Instant.ofEpochMilli(ts == null ? 0 : ts));
  }

  @Override
  public void write(List<Message> messages) throws IOException {
    requireWritable();
    for (Message message : messages) {
      String guid = message.guid();
      if (guid == null) {
        throw new IllegalArgumentException("a message without a guid cannot be indexed");
      }
      Document doc = mapper.toDocument(message);
      writer(indexName(message)).updateDocument(new Term(MessageFields.GUID, guid), doc);
    }
  }

  @Override
  public void commit() throws IOException {
    requireWritable();
    types.save();
    for (IndexWriter writer : writers.values()) {
      if (writer.hasUncommittedChanges()) {
        writer.commit();
      }
    }
  }

  @Override
  public SearchResponse search(SearchRequest request) throws SearchException {
    Query query = toQuery(request);
    List<IndexReader> readers = new ArrayList<>();
    List<String> readerIndices = new ArrayList<>();
    try {
      for (String index : indices(request.indices())) {
        IndexReader reader = openReader(index);
        if (reader != null) {
          readers.add(reader);
          readerIndices.add(index);
        }
      }
      if (readers.isEmpty()) {
        return new SearchResponse(0, List.of(), Map.of());
      }
      try (MultiReader all = new MultiReader(readers.toArray(IndexReader[]::new), true)) {
        IndexSearcher searcher = new IndexSearcher(all);
        int total = searcher.count(query);
        List<SearchHit> hits = new ArrayList<>();
        int wanted = request.from() + request.size();
        if (request.size() > 0 && wanted > 0) {
          TopDocs top = searcher.search(query, wanted, sort(request));
          ScoreDoc[] docs = top.scoreDocs;
          for (int i = request.from(); i < docs.length; i++) {
            int leaf = ReaderUtil.subIndex(docs[i].doc, all.leaves());
            String index = indexOfLeaf(all, leaf, readers, readerIndices);
            Document doc = searcher.storedFields().document(docs[i].doc);
            Message message = MessageCodec.read(doc.getBinaryValue(DocumentMapper.SOURCE).bytes);
            hits.add(new SearchHit(message.guid(), index, project(message, request.fields())));
          }
        }
        return new SearchResponse(total, hits, Map.of());
      }
    } catch (IOException | MessageFormatException e) {
      closeQuietly(readers);
      throw new SearchException(
          "cannot read the search index under " + root + ": " + e.getMessage(), e);
    }
  }

  private Query toQuery(SearchRequest request) throws SearchException {
    Query parsed;
    try {
      parsed = new TypedQueryParser(types).parseQuery(request.query());
    } catch (ParseException e) {
      throw new SearchException(
          "invalid query '" + request.query() + "': " + firstLine(e.getMessage()), e);
    }
    if (request.fromTime() == null && request.toTime() == null) {
      return parsed;
    }
    long from = request.fromTime() == null ? Long.MIN_VALUE : request.fromTime();
    long to = request.toTime() == null ? Long.MAX_VALUE : request.toTime() - 1;
    return new BooleanQuery.Builder()
        .add(parsed, BooleanClause.Occur.MUST)
        .add(LongPoint.newRangeQuery(MessageFields.TIMESTAMP, from, to), BooleanClause.Occur.FILTER)
        .build();
  }

  private Sort sort(SearchRequest request) {
    if (request.sort().isEmpty()) {
      return new Sort(new SortField(DocumentMapper.SORT_TIMESTAMP, SortField.Type.LONG, true));
    }
    List<SortField> fields = new ArrayList<>();
    for (SearchRequest.SortField s : request.sort()) {
      String field =
          s.field().equals(MessageFields.TIMESTAMP) ? DocumentMapper.SORT_TIMESTAMP : s.field();
      if (field.equals(DocumentMapper.SORT_TIMESTAMP)) {
        fields.add(new SortField(field, SortField.Type.LONG, !s.ascending()));
      } else {
        FieldType type = types.get(field);
        if (type == FieldType.LONG || type == FieldType.DOUBLE) {
          // Numeric fields carry no doc values yet; fall back to relevance order for them.
          fields.add(SortField.FIELD_SCORE);
        } else {
          SortedSetSortField sortField = new SortedSetSortField(field, !s.ascending());
          sortField.setMissingValue(s.ascending() ? SortField.STRING_LAST : SortField.STRING_FIRST);
          fields.add(sortField);
        }
      }
    }
    return new Sort(fields.toArray(SortField[]::new));
  }

  private static Map<String, Object> project(Message message, List<String> fields) {
    if (fields.isEmpty()) {
      return message.fields();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String field : fields) {
      Object value = message.get(field);
      if (value != null) {
        out.put(field, value);
      }
    }
    return out;
  }

  /** Index names under the root matching the requested sensors or prefixes, sorted. */
  private List<String> indices(List<String> wanted) throws IOException {
    TreeMap<String, Boolean> names = new TreeMap<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> listing = Files.list(root)) {
        listing
            .filter(Files::isDirectory)
            .map(p -> p.getFileName().toString())
            .filter(n -> n.contains("_index_"))
            .forEach(n -> names.put(n, true));
      }
    }
    writers.keySet().forEach(n -> names.put(n, true));
    if (wanted.isEmpty()) {
      return List.copyOf(names.keySet());
    }
    return names.keySet().stream()
        .filter(
            n ->
                wanted.stream()
                    .anyMatch(w -> n.equals(w) || n.startsWith(w + "_index_") || n.startsWith(w)))
        .toList();
  }

  private IndexReader openReader(String index) throws IOException {
    IndexWriter writer = writers.get(index);
    if (writer != null) {
      return DirectoryReader.open(writer);
    }
    Directory dir = FSDirectory.open(root.resolve(index));
    if (!DirectoryReader.indexExists(dir)) {
      dir.close();
      return null;
    }
    DirectoryReader reader = DirectoryReader.open(dir);
    // The directory is ours to close, once the reader that uses it is closed.
    reader.getReaderCacheHelper().addClosedListener(key -> dir.close());
    return reader;
  }

  private static String indexOfLeaf(
      MultiReader all, int leaf, List<IndexReader> readers, List<String> names) {
    int base = all.leaves().get(leaf).docBase;
    int start = 0;
    for (int i = 0; i < readers.size(); i++) {
      int end = start + readers.get(i).maxDoc();
      if (base >= start && base < end) {
        return names.get(i);
      }
      start = end;
    }
    return names.getLast();
  }

  private IndexWriter writer(String index) {
    return writers.computeIfAbsent(
        index,
        name -> {
          try {
            IndexWriterConfig config = new IndexWriterConfig(TypedQueryParser.analyzer());
            config.setRAMBufferSizeMB(64);
            return new IndexWriter(FSDirectory.open(root.resolve(name)), config);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                "cannot open index " + name + " under " + root, e);
          }
        });
  }

  private void requireWritable() {
    if (!writable) {
      throw new IllegalStateException("this store was opened read-only");
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (IndexWriter writer : writers.values()) {
      try {
        writer.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    writers.clear();
    if (first != null) {
      throw first;
    }
  }

  private static void closeQuietly(List<IndexReader> readers) {
    for (IndexReader reader : readers) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // Already failing; the original error is the one worth reporting.
      }
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
