package io.metron.search;

import java.util.List;

/** The answer to a {@link GroupRequest}: the groups of the first field, each with its subgroups. */
public record GroupResponse(String groupedBy, List<GroupResult> groupResults) {

  /**
   * One group.
   *
   * @param key the field's value, as text
   * @param total matches in the group
   * @param score the sum of the score field over the group's matches (0 when none)
   * @param groupedBy the field the subgroups are grouped by, or null at the innermost level
   * @param groupResults the subgroups
   */
  public record GroupResult(
      String key, long total, double score, String groupedBy, List<GroupResult> groupResults) {}
}
