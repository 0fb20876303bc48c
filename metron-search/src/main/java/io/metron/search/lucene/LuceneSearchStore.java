package io.metron.search.lucene;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.search.ColumnType;
import io.metron.search.FieldType;
import io.metron.search.GetRequest;
import io.metron.search.GroupRequest;
import io.metron.search.GroupResponse;
import io.metron.search.Incoming;
import io.metron.search.IndexNames;
import io.metron.search.IndexedDocument;
import io.metron.search.SearchException;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchResponse.SearchHit;
import io.metron.search.SearchStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded search store: a directory of Lucene indices, one per sensor per day ({@code
 * bro_index_2026.11.28}), under a root directory.
 *
 * <p>One process writes (Lucene's write lock enforces it); any number of processes may search.
 * Searches reuse readers: each index has a {@link SearcherManager}, refreshed by every {@link
 * #commit()} and, in the background, whenever it has gone {@value #REFRESH_MILLIS} ms without one,
 * so the writing process sees a write within a second of it (near-real-time), and other processes
 * see it within a second of {@link #commit()}. Writes replace by {@code guid}. Thread-safe.
 */
public final class LuceneSearchStore implements SearchStore {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneSearchStore.class);
  private static final String INDEX_INFIX = IndexNames.INFIX;

  /** The commit user data key prefix of an input partition's position ({@link #append}). */
  static final String POSITION_KEY = "metron.position.";

  /**
   * How long a searcher goes without a refresh at most; with the timer's period of the same length,
   * the bound on how stale a search can be is twice this. A refresh of the writing process flushes
   * what was written since into a new segment, so it is skipped for an index a commit refreshed
   * within this time: the indexing writer commits every 500 ms, and a refresh between its commits
   * as well would flush a segment of its own, to be merged later (issue 16).
   */
  static final long REFRESH_MILLIS = 500;

  /**
   * The index writers' merge policy: Lucene's tiered policy allowing more segments per tier than
   * its default of 8, and merging up to as many at once, so that each document is rewritten by
   * fewer merges: merging was a sixth of the whole platform's CPU under sustained load (issue 16).
   * More segments cost searches a little; the day indices are read-mostly once the day is over,
   * when their merges settle.
   */
  static final double SEGMENTS_PER_TIER = 16;

  /**
   * The writers' in-memory buffer before a flush; a flush also happens at every commit and refresh,
   * so under load this mostly bounds memory rather than the segment size.
   */
  static final double RAM_BUFFER_MB = 64;

  private final Path root;
  private final FieldTypes types;
  private final DocumentMapper mapper;
  private final boolean writable;
  private final Map<String, IndexHandle> handles = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher;
  private volatile long lastScan;
  private volatile boolean closed;

  private LuceneSearchStore(Path root, boolean writable) throws IOException {
    this.root = root;
    this.writable = writable;
    this.types = FieldTypes.load(root);
    this.mapper = new DocumentMapper(types);
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lucene-refresh-" + root).unstarted(r));
    refresher.scheduleWithFixedDelay(
        this::refreshAll, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
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
    return IndexNames.of(message);
  }

  /** The field types this store uses. */
  public FieldTypes fieldTypes() {
    return types;
  }

  @Override
  public void write(String index, List<Message> messages) throws IOException {
    requireWritable();
    for (Message message : messages) {
      add(writerHandle(IndexNames.of(index, requireGuid(message))), Incoming.of(message));
    }
  }

  /**
   * Writes as {@link #write(String, List)} does, but a message whose guid is known to be new is
   * added without a delete term: a replace-by-guid is a delete that every later flush resolves
   * against every segment of the index, the larger part of the cost of indexing here. Each index
   * records, in its commit's user data, the position after the last record of each input partition
   * it holds ({@link #storedPositions()}), so that the writer can tell a replay after a crash
   * (which must replace) from new records (which it may add).
   */
  @Override
  public void append(String index, List<Incoming> batch) throws IOException {
    requireWritable();
    for (Incoming incoming : batch) {
      IndexHandle handle = writerHandle(IndexNames.of(index, requireGuid(incoming.message())));
      if (incoming.partition() != null) {
        // before the document, so that no commit can hold the document without its position
        handle.positions.merge(incoming.partition(), incoming.offset() + 1, Math::max);
      }
      add(handle, incoming);
    }
  }

  /**
   * The highest position of each input partition over every index's last commit (positions of
   * writes not committed yet included, which only makes a replay replace more than it must).
   */
  @Override
  public Optional<Map<String, Long>> storedPositions() throws IOException {
    requireWritable();
    scan(true);
    Map<String, Long> positions = new TreeMap<>();
    for (IndexHandle handle : handles.values()) {
      handle.positions.forEach(
          (partition, offset) -> positions.merge(partition, offset, Math::max));
    }
    return Optional.of(positions);
  }

  private static Message requireGuid(Message message) {
    if (message.guid() == null) {
      throw new IllegalArgumentException("a message without a guid cannot be indexed");
    }
    return message;
  }

  private void add(IndexHandle handle, Incoming incoming) throws IOException {
    Message message = incoming.message();
    Term id = new Term(MessageFields.GUID, message.guid());
    try {
      Document doc = mapper.toDocument(message, incoming.source());
      if (incoming.newGuid()) {
        handle.writer.addDocument(doc);
      } else {
        handle.writer.updateDocument(id, doc);
      }
    } catch (IllegalArgumentException e) {
      // A field indexed differently from earlier documents of this index (an override changed
      // mid-day, or an index written by an older version): keep the message findable by guid.
      // Lucene marks the failed document deleted, so replacing by guid leaves one copy.
      LOG.warn(
          "Indexing {} in {} with its source only: {}",
          message.guid(),
          handle.name,
          e.getMessage());
      handle.writer.updateDocument(id, mapper.minimalDocument(message, incoming.source()));
    }
  }

  @Override
  public void commit() throws IOException {
    requireWritable();
    types.save();
    for (IndexHandle handle : handles.values()) {
      if (handle.writer != null && handle.writer.hasUncommittedChanges()) {
        handle.writer.commit();
        handle.refresh();
      }
    }
  }

  @Override
  public SearchResponse search(SearchRequest request) throws SearchException {
    Query query = query(request.query(), request.filters(), request.fromTime(), request.toTime());
    try (Snapshot snapshot = snapshot(request.indices(), request.fromTime(), request.toTime())) {
      if (snapshot.isEmpty()) {
        return new SearchResponse(0, List.of(), emptyFacets(request.facetFields()));
      }
      IndexSearcher searcher = snapshot.searcher;
      int total = searcher.count(query);
      List<SearchHit> hits = new ArrayList<>();
      int wanted = request.from() + request.size();
      if (request.size() > 0 && total > request.from()) {
        TopDocs top = searcher.search(query, Math.min(wanted, total), sort(request));
        ScoreDoc[] docs = top.scoreDocs;
        for (int i = request.from(); i < docs.length; i++) {
          Message message = snapshot.message(docs[i].doc);
          hits.add(
              new SearchHit(
                  message.guid(),
                  snapshot.indexOf(docs[i].doc),
                  project(message, request.fields())));
        }
      }
      Map<String, Map<String, Long>> facets = Map.of();
      if (!request.facetFields().isEmpty()) {
        facets = Aggregations.facets(searcher, query, request.facetFields(), types);
      }
      return new SearchResponse(total, hits, facets);
    } catch (IOException | MessageFormatException | UncheckedIOException e) {
      throw new SearchException(
          "cannot read the search index under " + root + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new SearchException("cannot run query '" + request.query() + "': " + e.getMessage(), e);
    }
  }

  @Override
  public GroupResponse group(GroupRequest request) throws SearchException {
    Query query = query(request.query(), List.of(), request.fromTime(), request.toTime());
    try (Snapshot snapshot = snapshot(request.indices(), request.fromTime(), request.toTime())) {
      String first = request.groups().getFirst().field();
      if (snapshot.isEmpty()) {
        return new GroupResponse(first, List.of());
      }
      return Aggregations.group(snapshot.searcher, query, request, types);
    } catch (IOException | UncheckedIOException e) {
      throw new SearchException(
          "cannot read the search index under " + root + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new SearchException("cannot group '" + request.query() + "': " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<IndexedDocument> getLatest(GetRequest request) throws SearchException {
    List<String> indices = request.sensorType() == null ? List.of() : List.of(request.sensorType());
    try (Snapshot snapshot = snapshot(indices, null, null)) {
      if (snapshot.isEmpty()) {
        return Optional.empty();
      }
      TopDocs top =
          snapshot.searcher.search(
              new TermQuery(new Term(MessageFields.GUID, request.guid())),
              1,
              new Sort(new SortField(DocumentMapper.SORT_TIMESTAMP, SortField.Type.LONG, true)));
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      int doc = top.scoreDocs[0].doc;
      return Optional.of(IndexedDocument.of(snapshot.message(doc), snapshot.indexOf(doc)));
    } catch (IOException | MessageFormatException | UncheckedIOException e) {
      throw new SearchException(
          "cannot read the search index under " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public IndexedDocument replace(Message message) throws SearchException {
    requireWritable();
    if (message.guid() == null) {
      throw new SearchException("a document without a guid cannot be stored");
    }
    Optional<IndexedDocument> current =
        getLatest(new GetRequest(message.guid(), message.sourceType()));
    String index = current.map(IndexedDocument::index).orElseGet(() -> indexName(message));
    try {
      IndexHandle handle = writerHandle(index);
      add(handle, Incoming.of(message));
      types.save();
      handle.writer.commit();
      handle.refresh();
      return IndexedDocument.of(message, index);
    } catch (IOException | UncheckedIOException e) {
      throw new SearchException("cannot store " + message.guid() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, ColumnType> columnMetadata(List<String> indices) throws SearchException {
    Map<String, ColumnType> columns = new TreeMap<>();
    try (Snapshot snapshot = snapshot(indices, null, null)) {
      if (snapshot.isEmpty()) {
        return columns;
      }
      for (LeafReaderContext leaf : snapshot.reader.leaves()) {
        FieldInfos infos = leaf.reader().getFieldInfos();
        for (FieldInfo info : infos) {
          if (!info.name.startsWith("_")) {
            FieldType type = types.get(info.name);
            columns.put(info.name, columnType(info.name, type));
          }
        }
      }
      return columns;
    } catch (IOException | UncheckedIOException e) {
      throw new SearchException(
          "cannot read the search index under " + root + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Map<String, Long>> emptyFacets(List<String> fields) {
    if (fields.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Long>> empty = new LinkedHashMap<>();
    fields.forEach(f -> empty.put(f, Map.of()));
    return empty;
  }

  static ColumnType columnType(String field, FieldType type) {
    if (type == null) {
      return ColumnType.OTHER;
    }
    return switch (type) {
      case KEYWORD -> ColumnType.KEYWORD;
      case TEXT -> ColumnType.TEXT;
      case LONG ->
          field.equals(MessageFields.TIMESTAMP) || field.endsWith(".ts")
              ? ColumnType.DATE
              : ColumnType.LONG;
      case DOUBLE -> ColumnType.DOUBLE;
      case BOOLEAN -> ColumnType.BOOLEAN;
      case IP -> ColumnType.IP;
      case GEO_POINT -> ColumnType.GEO_POINT;
    };
  }

  /**
   * Deletes whole day indices that are older than the policy's age, then, oldest first, those that
   * take the store over its size, never today's. Safe while searches and writes run.
   *
   * @return the names of the indices deleted
   */
  public List<String> applyRetention(RetentionPolicy policy, Instant now) throws IOException {
    requireWritable();
    scan(true);
    record Day(String name, LocalDate day, long bytes) {}
    List<Day> days = new ArrayList<>();
    for (String name : listIndexDirectories()) {
      LocalDate day = dayOf(name);
      if (day != null) {
        days.add(new Day(name, day, sizeOf(root.resolve(name))));
      }
    }
    days.sort(Comparator.comparing(Day::day).thenComparing(Day::name));
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<String> deleted = new ArrayList<>();
    long total = days.stream().mapToLong(Day::bytes).sum();
    for (Day d : days) {
      Instant end = d.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      boolean tooOld = policy.maxAge() != null && end.isBefore(now.minus(policy.maxAge()));
      boolean tooBig =
          policy.maxBytes() > 0 && total > policy.maxBytes() && d.day().isBefore(today);
      if (tooOld || tooBig) {
        deleteIndex(d.name());
        deleted.add(d.name());
        total -= d.bytes();
      }
    }
    if (!deleted.isEmpty()) {
      LOG.info("Retention deleted {} index(es): {}", deleted.size(), deleted);
    }
    return deleted;
  }

  static LocalDate dayOf(String indexName) {
    return IndexNames.dayOf(indexName);
  }

  private void deleteIndex(String name) throws IOException {
    IndexHandle handle = handles.remove(name);
    if (handle != null) {
      handle.close();
    }
    Path dir = root.resolve(name);
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private Query query(String text, List<String> filters, Long fromTime, Long toTime)
      throws SearchException {
    Query parsed = parse(text);
    if (filters.isEmpty() && fromTime == null && toTime == null) {
      return parsed;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(parsed, BooleanClause.Occur.MUST);
    for (String filter : filters) {
      b.add(parse(filter), BooleanClause.Occur.FILTER);
    }
    if (fromTime != null || toTime != null) {
      long from = fromTime == null ? Long.MIN_VALUE : fromTime;
      long to = toTime == null ? Long.MAX_VALUE : toTime - 1;
      b.add(LongPoint.newRangeQuery(MessageFields.TIMESTAMP, from, to), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private Query parse(String text) throws SearchException {
    try {
      return new TypedQueryParser(types).parseQuery(text);
    } catch (ParseException | RuntimeException e) {
      throw new SearchException("invalid query '" + text + "': " + firstLine(e.getMessage()), e);
    }
  }

  private Sort sort(SearchRequest request) {
    if (request.sort().isEmpty()) {
      return new Sort(new SortField(DocumentMapper.SORT_TIMESTAMP, SortField.Type.LONG, true));
    }
    List<SortField> fields = new ArrayList<>();
    for (SearchRequest.SortField s : request.sort()) {
      SortField field = sortField(s);
      if (field != null) {
        fields.add(field);
      }
    }
    fields.add(new SortField(DocumentMapper.SORT_TIMESTAMP, SortField.Type.LONG, true));
    return new Sort(fields.toArray(SortField[]::new));
  }

  private SortField sortField(SearchRequest.SortField s) {
    String name = s.field().replace(':', '.');
    boolean reverse = !s.ascending();
    if (name.equals(MessageFields.TIMESTAMP)) {
      return new SortField(DocumentMapper.SORT_TIMESTAMP, SortField.Type.LONG, reverse);
    }
    FieldType type = types.get(name);
    if (type == null || type == FieldType.TEXT || type == FieldType.GEO_POINT) {
      return null;
    }
    return switch (type) {
      case LONG -> {
        SortField f =
            new SortedNumericSortField(
                name,
                SortField.Type.LONG,
                reverse,
                reverse ? SortedNumericSelector.Type.MAX : SortedNumericSelector.Type.MIN);
        f.setMissingValue(reverse ? Long.MIN_VALUE : Long.MAX_VALUE);
        yield f;
      }
      case DOUBLE -> {
        SortField f =
            new SortedNumericSortField(
                name,
                SortField.Type.DOUBLE,
                reverse,
                reverse ? SortedNumericSelector.Type.MAX : SortedNumericSelector.Type.MIN);
        f.setMissingValue(reverse ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        yield f;
      }
      default -> {
        SortedSetSortField f =
            new SortedSetSortField(
                name, reverse, reverse ? SortedSetSelector.Type.MAX : SortedSetSelector.Type.MIN);
        f.setMissingValue(reverse ? SortField.STRING_FIRST : SortField.STRING_LAST);
        yield f;
      }
    };
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

  /** A consistent view of the chosen indices for one request; releases its searchers on close. */
  private final class Snapshot implements AutoCloseable {
    final List<String> names = new ArrayList<>();
    final List<IndexHandle> owners = new ArrayList<>();
    final List<IndexSearcher> acquired = new ArrayList<>();
    MultiReader reader;
    IndexSearcher searcher;
    int[] starts;

    boolean isEmpty() {
      return reader == null;
    }

    String indexOf(int doc) {
      return names.get(ReaderUtil.subIndex(doc, starts));
    }

    Message message(int doc) throws IOException, MessageFormatException {
      Document stored = searcher.storedFields().document(doc);
      return MessageCodec.read(stored.getBinaryValue(DocumentMapper.SOURCE).bytes);
    }

    @Override
    public void close() {
      try {
        if (reader != null) {
          reader.close();
        }
      } catch (IOException e) {
        LOG.debug("Closing a search snapshot: {}", e.getMessage());
      }
      for (int i = 0; i < acquired.size(); i++) {
        try {
          owners.get(i).manager.release(acquired.get(i));
        } catch (IOException | AlreadyClosedException e) {
          LOG.debug("Releasing a searcher: {}", e.getMessage());
        }
      }
    }
  }

  /**
   * A snapshot of the indices named by {@code wanted} whose day can hold documents in {@code
   * [fromTime, toTime)}: a time range skips whole day indices without opening them.
   */
  private Snapshot snapshot(List<String> wanted, Long fromTime, Long toTime) throws IOException {
    scan(false);
    Snapshot snapshot = new Snapshot();
    List<IndexReader> readers = new ArrayList<>();
    LocalDate firstDay =
        fromTime == null
            ? null
            : LocalDate.ofInstant(Instant.ofEpochMilli(fromTime), ZoneOffset.UTC);
    LocalDate lastDay =
        toTime == null
            ? null
            : LocalDate.ofInstant(Instant.ofEpochMilli(toTime - 1), ZoneOffset.UTC);
    for (String name : select(wanted)) {
      LocalDate day = IndexNames.dayOf(name);
      if (day != null
          && ((firstDay != null && day.isBefore(firstDay))
              || (lastDay != null && day.isAfter(lastDay)))) {
        continue;
      }
      IndexHandle handle = handles.get(name);
      if (handle == null) {
        continue;
      }
      IndexSearcher searcher;
      try {
        searcher = handle.manager.acquire();
      } catch (AlreadyClosedException e) {
        continue; // deleted by retention meanwhile
      }
      snapshot.names.add(name);
      snapshot.owners.add(handle);
      snapshot.acquired.add(searcher);
      readers.add(searcher.getIndexReader());
    }
    if (!readers.isEmpty()) {
      snapshot.reader = new MultiReader(readers.toArray(IndexReader[]::new), false);
      snapshot.searcher = new IndexSearcher(snapshot.reader);
      snapshot.starts = new int[readers.size()];
      int start = 0;
      for (int i = 0; i < readers.size(); i++) {
        snapshot.starts[i] = start;
        start += readers.get(i).maxDoc();
      }
    }
    return snapshot;
  }

  /** Index names matching the requested sensors, index names, prefixes or {@code *} patterns. */
  private List<String> select(List<String> wanted) {
    List<String> names = new ArrayList<>(new TreeMap<>(handles).keySet());
    if (wanted.isEmpty()) {
      return names;
    }
    return names.stream()
        .filter(
            n ->
                wanted.stream()
                    .map(w -> w.toLowerCase(Locale.ROOT))
                    .anyMatch(
                        w ->
                            n.equals(w)
                                || n.startsWith(w + INDEX_INFIX)
                                || (w.contains(INDEX_INFIX) && n.startsWith(w))
                                || (w.endsWith("*")
                                    && n.startsWith(w.substring(0, w.length() - 1)))))
        .toList();
  }

  /** Finds indices on disk this store has no handle for yet (other processes create them). */
  private void scan(boolean force) throws IOException {
    long now = System.currentTimeMillis();
    if (!force && now - lastScan < REFRESH_MILLIS) {
      return;
    }
    lastScan = now;
    for (String name : listIndexDirectories()) {
      if (!handles.containsKey(name)) {
        if (writable) {
          // Through the one synchronized path, so a search racing the first write to a new index
          // does not open a second writer on it.
          writerHandle(name);
          continue;
        }
        IndexHandle handle = openReaderHandle(name);
        if (handle != null && handles.putIfAbsent(name, handle) != null) {
          handle.close();
        }
      }
    }
  }

  private List<String> listIndexDirectories() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(root)) {
      return listing
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.contains(INDEX_INFIX))
          .sorted()
          .toList();
    }
  }

  private IndexHandle openReaderHandle(String name) throws IOException {
    Directory dir = FSDirectory.open(root.resolve(name));
    if (!DirectoryReader.indexExists(dir)) {
      dir.close();
      return null;
    }
    return new IndexHandle(name, dir, null, new SearcherManager(dir, null));
  }

  private IndexHandle openWriterHandle(String name) throws IOException {
    Directory dir = FSDirectory.open(root.resolve(name));
    try {
      IndexWriterConfig config = new IndexWriterConfig(TypedQueryParser.analyzer());
      config.setRAMBufferSizeMB(RAM_BUFFER_MB);
      TieredMergePolicy merges = new TieredMergePolicy();
      merges.setSegmentsPerTier(SEGMENTS_PER_TIER);
      merges.setMaxMergeAtOnce((int) SEGMENTS_PER_TIER);
      config.setMergePolicy(merges);
      IndexWriter writer = new IndexWriter(dir, config);
      IndexHandle handle = new IndexHandle(name, dir, writer, new SearcherManager(writer, null));
      handle.trackPositions();
      return handle;
    } catch (LockObtainFailedException e) {
      dir.close();
      throw new IOException(
          "the index "
              + name
              + " under "
              + root
              + " is locked by another process (is 'metron run' running?)",
          e);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  private IndexHandle writerHandle(String name) throws IOException {
    IndexHandle handle = handles.get(name);
    if (handle != null) {
      return handle;
    }
    synchronized (handles) {
      handle = handles.get(name);
      if (handle == null) {
        handle = openWriterHandle(name);
        handles.put(name, handle);
      }
      return handle;
    }
  }

  private void refreshAll() {
    long now = System.nanoTime();
    for (IndexHandle handle : handles.values()) {
      if (now - handle.refreshedAt < TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS)) {
        continue;
      }
      try {
        handle.manager.maybeRefresh();
      } catch (IOException | AlreadyClosedException e) {
        LOG.debug("Refreshing {}: {}", handle.name, e.getMessage());
      }
    }
  }

  private void requireWritable() {
    if (!writable) {
      throw new IllegalStateException("this store was opened read-only");
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    IOException first = null;
    if (writable) {
      try {
        types.save();
      } catch (IOException e) {
        first = e;
      }
    }
    for (IndexHandle handle : handles.values()) {
      try {
        handle.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    handles.clear();
    if (first != null) {
      throw first;
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** One open index: its directory, its writer (in the writing process) and its searchers. */
  private static final class IndexHandle {
    final String name;
    final Directory directory;
    final IndexWriter writer;
    final ReferenceManager<IndexSearcher> manager;

    /** Input partition to the offset after its last record written to this index. */
    final Map<String, Long> positions = new ConcurrentHashMap<>();

    /** When a commit last refreshed the searcher ({@link System#nanoTime()}). */
    volatile long refreshedAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    IndexHandle(
        String name,
        Directory directory,
        IndexWriter writer,
        ReferenceManager<IndexSearcher> manager) {
      this.name = name;
      this.directory = directory;
      this.writer = writer;
      this.manager = manager;
    }

    /**
     * Loads the positions of the last commit and has every later commit (including the one on close
     * and the REST API's) record them: the commit data is read at commit time from the live map, so
     * a commit never holds a document without its position.
     */
    void trackPositions() throws IOException {
      if (DirectoryReader.indexExists(directory)) {
        SegmentInfos.readLatestCommit(directory)
            .getUserData()
            .forEach(
                (key, value) -> {
                  if (key.startsWith(POSITION_KEY)) {
                    positions.put(key.substring(POSITION_KEY.length()), Long.parseLong(value));
                  }
                });
      }
      writer.setLiveCommitData(
          () ->
              positions.entrySet().stream()
                  .map(e -> Map.entry(POSITION_KEY + e.getKey(), Long.toString(e.getValue())))
                  .iterator(),
          false);
    }

    /** Makes what the writer holds visible to searches now (after a commit, say). */
    void refresh() throws IOException {
      manager.maybeRefreshBlocking();
      refreshedAt = System.nanoTime();
    }

    void close() throws IOException {
      try {
        manager.close();
        if (writer != null) {
          writer.close();
        }
      } finally {
        directory.close();
      }
    }
  }
}
