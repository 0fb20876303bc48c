/**
 * Metron's field transformations, applied to each parsed message in the order configured.
 *
 * <ul>
 *   <li>{@link io.metron.pipeline.parse.transform.FieldTransformation}: the contract, one instance
 *       per configured entry.
 *   <li>{@link io.metron.pipeline.parse.transform.FieldTransformations}: builds them from {@code
 *       fieldTransformations}, compiling every expression at load time.
 *   <li>One class per transformation: {@code IP_PROTOCOL}, {@code REMOVE}, {@code STELLAR}, {@code
 *       SELECT}, {@code RENAME}, {@code REGEX_SELECT}.
 * </ul>
 */
package io.metron.pipeline.parse.transform;
