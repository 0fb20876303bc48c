package io.metron.search;

import java.util.List;

/**
 * A group-by, shaped as Metron's {@code GroupRequest}: matches of {@code query} grouped by the
 * first field, each group by the next, and so on, with a count and the sum of {@code scoreField}
 * per group.
 *
 * @param query Lucene query syntax; {@code *} matches everything
 * @param indices sensors or index prefixes; empty means all
 * @param scoreField the field summed into each group's score, usually {@code threat.triage.score};
 *     null for none
 * @param groups the fields to group by, outermost first; at least one
 * @param fromTime inclusive lower bound on {@code timestamp}, or null
 * @param toTime exclusive upper bound on {@code timestamp}, or null
 */
public record GroupRequest(
    String query,
    List<String> indices,
    String scoreField,
    List<Group> groups,
    Long fromTime,
    Long toTime) {

  /** No level of a group-by returns more groups than this (Metron's {@code search.max.groups}). */
  public static final int MAX_GROUPS = 1000;

  public GroupRequest {
    query = query == null || query.isBlank() ? "*" : query;
    indices = indices == null ? List.of() : List.copyOf(indices);
    groups = groups == null ? List.of() : List.copyOf(groups);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a group request needs at least one field to group by");
    }
  }

  /** Groups by {@code fields} in order, largest groups first. */
  public static GroupRequest of(String query, String scoreField, String... fields) {
    return new GroupRequest(
        query,
        List.of(),
        scoreField,
        java.util.Arrays.stream(fields).map(f -> new Group(f, Order.COUNT, false)).toList(),
        null,
        null);
  }

  /** What groups are ordered by. */
  public enum Order {
    /** By the group's value. */
    TERM,
    /** By the number of matches in the group. */
    COUNT
  }

  /** One level of grouping. */
  public record Group(String field, Order order, boolean ascending) {}
}
