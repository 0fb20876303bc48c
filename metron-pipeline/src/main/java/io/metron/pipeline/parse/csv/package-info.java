/**
 * Delimited-text parsers: the generic {@link io.metron.pipeline.parse.csv.CsvParser} (Metron's
 * {@code CSVParser}), {@link io.metron.pipeline.parse.csv.SnortParser} (Snort CSV alerts) and
 * {@link io.metron.pipeline.parse.csv.PaloAltoParser} (PAN-OS syslog CSV).
 */
package io.metron.pipeline.parse.csv;
