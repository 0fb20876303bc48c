package io.metron.pipeline.profile;

import java.util.List;
import java.util.Map;

/**
 * What a profile produced for one entity in one period: Metron's {@code ProfileMeasurement}.
 *
 * @param profile the profile's name
 * @param entity the entity ({@code foreach}'s value as a string)
 * @param period the period
 * @param groups the {@code groupBy} values, in order (empty without groupBy)
 * @param value the {@code result.profile} value
 * @param triage the {@code result.triage} values by name (empty without triage expressions)
 * @param expiresDays the profile's {@code expires}: days after writing that the store drops the
 *     measurement ({@code null}: kept forever)
 */
public record ProfileMeasurement(
    String profile,
    String entity,
    ProfilePeriod period,
    List<Object> groups,
    Object value,
    Map<String, Object> triage,
    Long expiresDays) {

  /** A measurement kept forever. */
  public ProfileMeasurement(
      String profile,
      String entity,
      ProfilePeriod period,
      List<Object> groups,
      Object value,
      Map<String, Object> triage) {
    this(profile, entity, period, groups, value, triage, null);
  }

  public ProfileMeasurement {
    groups = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(groups));
    triage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(triage));
  }

  /** The groups as the store keys them: each value's string form, as Metron's row key did. */
  public List<String> groupKey() {
    return groups.stream().map(String::valueOf).toList();
  }
}
