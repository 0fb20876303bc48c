package io.metron.search;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores messages for search, and lets analysts find, group and change them: Metron's search,
 * retrieve-latest, update and column-metadata API behind one interface. Implementations are
 * thread-safe.
 *
 * <p>Writes are idempotent by {@code guid}: writing a message whose guid is already stored replaces
 * it, so a replay after a crash leaves one document, not two. A message lands in the index named
 * {@code <source.type>_index_<yyyy.MM.dd>} of its own {@code timestamp} (UTC), so a replay goes to
 * the same index as the first write.
 *
 * <p>Bad input never escapes as an unchecked exception: a malformed query, an unknown guid or an
 * invalid patch is a {@link SearchException} whose message names the bad part.
 */
public interface SearchStore extends AutoCloseable {

  /** Adds or replaces {@code messages}; each must carry {@code guid} and {@code source.type}. */
  default void write(List<Message> messages) throws IOException {
    write(null, messages);
  }

  /**
   * Adds or replaces {@code messages} in the indices named after {@code index} (Metron's {@code
   * index} indexing setting: {@code <index>_index_<day>}), or after each message's sensor when it
   * is null.
   */
  void write(String index, List<Message> messages) throws IOException;

  /**
   * Adds or replaces the messages of {@code batch} as {@link #write(String, List)} does, using what
   * each {@link Incoming} tells: its source bytes, its input position (so that {@link
   * #storedPositions()} can answer after a restart) and whether its guid is new. A store that
   * cannot use them writes the messages.
   */
  default void append(String index, List<Incoming> batch) throws IOException {
    write(index, batch.stream().map(Incoming::message).toList());
  }

  /**
   * For each input partition, the offset after the last record of it in this store's committed
   * data: a record read at or past it is not in the store. Empty when the store does not track
   * positions, in which case every write must replace by guid.
   */
  default Optional<Map<String, Long>> storedPositions() throws IOException {
    return Optional.empty();
  }

  /**
   * Makes every write so far durable and visible to searches, including from other processes.
   * Callers commit their input positions only after this returns.
   */
  void commit() throws IOException;

  /** The matches of a query: total, one page of hits, and facet counts. */
  SearchResponse search(SearchRequest request) throws SearchException;

  /** Matches grouped by one or more fields, with counts and summed scores per group. */
  GroupResponse group(GroupRequest request) throws SearchException;

  /** The stored version of one document, or empty when no document has that guid. */
  Optional<IndexedDocument> getLatest(GetRequest request) throws SearchException;

  /** The stored versions of several documents; unknown guids are left out. */
  default List<IndexedDocument> getAllLatest(List<GetRequest> requests) throws SearchException {
    List<IndexedDocument> found = new ArrayList<>();
    for (GetRequest request : requests) {
      getLatest(request).ifPresent(found::add);
    }
    return found;
  }

  /**
   * Replaces the document with {@code message}'s guid by {@code message}, in the index it lives in
   * (or the one its timestamp names, if it is new). Visible to searches when this returns.
   */
  IndexedDocument replace(Message message) throws SearchException;

  /**
   * Applies RFC 6902 operations to the latest version of a document and stores the result. The
   * {@code guid} cannot be patched.
   */
  default IndexedDocument patch(PatchRequest request) throws SearchException {
    IndexedDocument current = require(new GetRequest(request.guid(), request.sensorType()));
    Map<String, Object> patched;
    try {
      patched = JsonPatch.apply(current.fields(), request.patch());
    } catch (IllegalArgumentException e) {
      throw new SearchException("cannot patch " + request.guid() + ": " + e.getMessage());
    }
    if (!request.guid().equals(String.valueOf(patched.get(MessageFields.GUID)))) {
      throw new SearchException("cannot patch " + request.guid() + ": the guid cannot change");
    }
    return replace(Message.of(patched));
  }

  /** Appends a comment to an alert's {@code comments}. */
  default IndexedDocument addComment(CommentRequest request) throws SearchException {
    IndexedDocument current = require(new GetRequest(request.guid(), request.sensorType()));
    Message message = current.toMessage();
    List<Object> comments = new ArrayList<>();
    if (message.get(MessageFields.COMMENTS) instanceof List<?> existing) {
      comments.addAll(existing);
    }
    Map<String, Object> comment = new LinkedHashMap<>();
    comment.put("comment", request.comment());
    comment.put("username", request.username());
    comment.put("timestamp", request.timestamp());
    comments.add(comment);
    message.put(MessageFields.COMMENTS, comments);
    return replace(message);
  }

  /** Removes the comment with the same text, user and time from an alert's {@code comments}. */
  default IndexedDocument removeComment(CommentRequest request) throws SearchException {
    IndexedDocument current = require(new GetRequest(request.guid(), request.sensorType()));
    Message message = current.toMessage();
    List<Object> comments = new ArrayList<>();
    if (message.get(MessageFields.COMMENTS) instanceof List<?> existing) {
      for (Object c : existing) {
        boolean same =
            c instanceof Map<?, ?> m
                && request.comment().equals(m.get("comment"))
                && String.valueOf(request.username()).equals(String.valueOf(m.get("username")))
                && m.get("timestamp") instanceof Number t
                && t.longValue() == request.timestamp();
        if (!same) {
          comments.add(c);
        }
      }
    }
    message.put(MessageFields.COMMENTS, comments.isEmpty() ? null : comments);
    return replace(message);
  }

  /** Every field in the given indices (all when empty) with its type. */
  Map<String, ColumnType> columnMetadata(List<String> indices) throws SearchException;

  /** The latest version of a document, or an error naming the guid when there is none. */
  default IndexedDocument require(GetRequest request) throws SearchException {
    return getLatest(request)
        .orElseThrow(
            () ->
                new SearchException(
                    "no document with guid "
                        + request.guid()
                        + (request.sensorType() == null
                            ? ""
                            : " in sensor " + request.sensorType())));
  }

  @Override
  void close() throws IOException;
}
