package io.metron.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Collects problems and ignored Storm settings while documents are read. Not thread-safe. */
public final class Problems {
  private final List<ConfigProblem> errors = new ArrayList<>();
  private final Set<String> ignoredStormKeys = new TreeSet<>();

  /**
   * Records a problem. Only the first problem at a given file and path is kept: when two checks
   * find fault with the same value (the JSON reader and a later semantic check), the user needs one
   * message there, not two.
   */
  public void add(String file, String path, String message) {
    for (ConfigProblem known : errors) {
      if (known.file().equals(file) && known.path().equals(path)) {
        return;
      }
    }
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
