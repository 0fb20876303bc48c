package io.metron.core.config;

/**
 * A check that needs more than JSON shapes (a parser name the registry knows, a Stellar expression
 * that compiles). Runs after every document has been read; reports into {@code problems} with the
 * file and path of the offending value, and never throws.
 */
@FunctionalInterface
public interface ConfigCheck {
  void check(Configs configs, Problems problems);

  /**
   * One check run two ways: {@code lenient} (Metron's rules) reports its problems as errors; what
   * {@code strict} (the same check with a stricter compiler, say one that refuses unknown Stellar
   * functions) refuses besides is reported as a warning at the same file and path. This is how a
   * lint reaches the user with the JSON path of the value without every check knowing of lints.
   */
  static ConfigCheck withWarningsFrom(ConfigCheck lenient, ConfigCheck strict) {
    return (configs, problems) -> {
      lenient.check(configs, problems);
      Problems stricter = new Problems();
      strict.check(configs, stricter);
      for (ConfigProblem p : stricter.errors()) {
        problems.warn(p.file(), p.path(), p.message());
      }
    };
  }
}
