/**
 * The Stellar grammar. ANTLR generates {@code StellarLexer}, {@code StellarParser} and {@code
 * StellarVisitor} into this package at build time from {@code src/main/antlr4/.../Stellar.g4}; only
 * {@link io.metron.stellar.compiler} uses them.
 */
package io.metron.stellar.grammar;
