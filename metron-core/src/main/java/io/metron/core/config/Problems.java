package io.metron.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects problems, warnings and ignored Storm settings while documents are read. Not thread-safe.
 */
public final class Problems {
  private final List<ConfigProblem> errors = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();
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

  /**
   * Records a finding that does not stop the documents from loading (a Stellar call to a function
   * not known here, say, which Metron too accepted and failed only when evaluated). Kept once per
   * file and path, and never where an error is recorded at the same place.
   */
  public void warn(String file, String path, String message) {
    for (ConfigProblem known : errors) {
      if (known.file().equals(file) && known.path().equals(path)) {
        return;
      }
    }
    for (ConfigProblem known : warnings) {
      if (known.file().equals(file) && known.path().equals(path)) {
        return;
      }
    }
    warnings.add(new ConfigProblem(file, path, message));
  }

  /** The findings recorded with {@link #warn}, in the order found. */
  public List<ConfigProblem> warnings() {
    return List.copyOf(warnings);
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
