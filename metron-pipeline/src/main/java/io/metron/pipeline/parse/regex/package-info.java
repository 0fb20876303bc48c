/**
 * Regular-expression parsers: the generic {@link io.metron.pipeline.parse.regex.RegexParser}
 * (Metron's {@code RegularExpressionsParser}) and the sensors Metron parsed with hand-written
 * expressions, {@link io.metron.pipeline.parse.regex.SourcefireParser} and {@link
 * io.metron.pipeline.parse.regex.IseParser}.
 */
package io.metron.pipeline.parse.regex;
