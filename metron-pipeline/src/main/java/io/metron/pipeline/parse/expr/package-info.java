/**
 * The parse stage's access to Stellar.
 *
 * <ul>
 *   <li>{@link io.metron.pipeline.parse.expr.ExpressionEngine}: compile an expression once, then
 *       evaluate it against a message's fields; the only place the parse stage meets the language.
 *   <li>{@link io.metron.pipeline.parse.expr.StellarEngine}: the implementation backed by {@code
 *       metron-stellar}.
 * </ul>
 */
package io.metron.pipeline.parse.expr;
