/**
 * Stellar's function library, one class per family ({@link
 * io.metron.stellar.functions.StringFunctions}, {@link io.metron.stellar.functions.MathFunctions},
 * ...), listed in {@link io.metron.stellar.functions.BuiltinFunctions}. Each function is a
 * descriptor (name, typed parameters, description, runnable examples) plus a body; {@link
 * io.metron.stellar.functions.Args} reads arguments with clear errors. {@link
 * io.metron.stellar.functions.PendingFunctions} registers the functions other modules provide.
 *
 * <p>Conventions, following Metron: a null input yields null (or false for predicates) rather than
 * an error, so that validating a rule with every variable missing succeeds; functions never modify
 * their arguments, except the sketch objects (STATS, HLLP, BLOOM, SAMPLE, OUTLIER_MAD) which are
 * updated in place as in Metron.
 */
package io.metron.stellar.functions;
