/**
 * Grok: named patterns compiled to one {@code java.util.regex} pattern ({@link
 * io.metron.pipeline.parse.grok.Grok}), pattern files ({@link
 * io.metron.pipeline.parse.grok.GrokLibrary}, built-in sets under {@code /patterns/}), the generic
 * {@link io.metron.pipeline.parse.grok.GrokParser} and the grok-based sensors {@link
 * io.metron.pipeline.parse.grok.AsaParser} and {@link
 * io.metron.pipeline.parse.grok.WebsphereParser}. {@link io.metron.pipeline.parse.grok.RegexBudget}
 * bounds how long any match may run.
 */
package io.metron.pipeline.parse.grok;
