package io.metron.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Collects problems and ignored Storm settings while documents are read. Not thread-safe. */
public final class Problems {
  private final List<ConfigProblem> errors = new ArrayList<>();
  private final Set<String> ignoredStormKeys = new TreeSet<>();

  public void add(String file, String path, String message) {
    errors.add(new ConfigProblem(file, path, message));
  }

  void ignoredStormKey(String file, String key) {
    ignoredStormKeys.add(file + ":" + key);
  }

  public List<ConfigProblem> errors() {
    return List.copyOf(errors);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Storm tuning settings that were accepted and ignored, as {@code file:key}. */
  public Set<String> ignoredStormKeys() {
    return Set.copyOf(ignoredStormKeys);
  }
}
