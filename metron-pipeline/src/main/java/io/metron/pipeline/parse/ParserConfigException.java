package io.metron.pipeline.parse;

import io.metron.core.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sensor config that cannot be turned into a working parser. Each problem names the file and JSON
 * path at fault, e.g. {@code parsers/yaf.json: $.parserConfig.grokPath: is required}.
 */
public final class ParserConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ParserConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public ParserConfigException(String file, String path, String message) {
    this(List.of(new ConfigProblem(file, path, message)));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
