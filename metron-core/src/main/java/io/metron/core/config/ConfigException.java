package io.metron.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config that cannot be used, with every problem found in it. */
public final class ConfigException extends Exception {
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(
        problems.size() == 1
            ? problems.getFirst().toString()
            : problems.size()
                + " problems in the configuration:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String file, String message) {
    this(List.of(new ConfigProblem(file, "", message)));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
