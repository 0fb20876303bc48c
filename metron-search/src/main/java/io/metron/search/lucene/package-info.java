/**
 * The embedded search store on Apache Lucene: one index per sensor per day, as Metron's {@code
 * <sensor>_index_<date>}.
 *
 * <ul>
 *   <li>{@link io.metron.search.lucene.LuceneSearchStore}: writes (idempotent by guid), commits,
 *       searches across indices.
 *   <li>{@link io.metron.search.lucene.FieldTypes}: the type of each field, learnt from the first
 *       value seen and kept in {@code field-types.json}, so numbers compare as numbers.
 *   <li>{@link io.metron.search.lucene.DocumentMapper}: a message to a Lucene document and back.
 *   <li>{@link io.metron.search.lucene.TypedQueryParser}: Lucene query syntax that knows the field
 *       types.
 * </ul>
 */
package io.metron.search.lucene;
