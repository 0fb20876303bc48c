/**
 * The Stellar language's public API: compile an expression once with {@link
 * io.metron.stellar.StellarCompiler}, then evaluate the {@link
 * io.metron.stellar.CompiledExpression} many times, from many threads, against a {@link
 * io.metron.stellar.VariableResolver} and a {@link io.metron.stellar.StellarContext}.
 *
 * <p>Functions are looked up in a {@link io.metron.stellar.FunctionRegistry}; {@link
 * io.metron.stellar.FunctionRegistry#builtin()} holds every pure function of this module and later
 * modules add store-backed ones with {@link io.metron.stellar.FunctionRegistry#with}. Every failure
 * a user can cause surfaces as a {@link io.metron.stellar.StellarException}.
 */
package io.metron.stellar;
