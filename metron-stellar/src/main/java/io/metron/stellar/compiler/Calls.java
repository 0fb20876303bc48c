package io.metron.stellar.compiler;

import io.metron.stellar.FunctionDescriptor;

/** The wording of call problems, shared by evaluation (errors) and the lint (warnings). */
public final class Calls {

  private Calls() {}

  /** The error for calling a function the registry does not have, in Metron's words. */
  public static String unresolved(String name) {
    return "Unable to resolve function named '" + name + "'.";
  }

  /** What is wrong with calling {@code d} with {@code given} arguments, or null when nothing. */
  public static String arityProblemOrNull(FunctionDescriptor d, int given) {
    if (given >= d.minArgs() && given <= d.maxArgs()) {
      return null;
    }
    return arityProblem(d, given);
  }

  /** "NAME takes N arguments but was given M: SIGNATURE". */
  public static String arityProblem(FunctionDescriptor d, int given) {
    String expected =
        d.maxArgs() == Integer.MAX_VALUE
            ? "at least " + d.minArgs()
            : d.minArgs() == d.maxArgs()
                ? String.valueOf(d.minArgs())
                : d.minArgs() + " to " + d.maxArgs();
    return d.name()
        + " takes "
        + expected
        + " argument"
        + (expected.equals("1") ? "" : "s")
        + " but was given "
        + given
        + ": "
        + d.signature();
  }
}
