/**
 * The global config's {@code fieldValidations}, checked on every parsed message after its parser's
 * own validation; a failure makes the message a {@code parser_invalid} error. Built by {@link
 * io.metron.pipeline.parse.validate.FieldValidations} into {@link
 * io.metron.pipeline.parse.validate.FieldValidator}s.
 */
package io.metron.pipeline.parse.validate;
