package io.metron.core.config;

/**
 * A check that needs more than JSON shapes (a parser name the registry knows, a Stellar expression
 * that compiles). Runs after every document has been read; reports into {@code problems} with the
 * file and path of the offending value, and never throws.
 */
@FunctionalInterface
public interface ConfigCheck {
  void check(Configs configs, Problems problems);
}
