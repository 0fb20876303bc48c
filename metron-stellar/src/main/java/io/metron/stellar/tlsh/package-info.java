/**
 * TLSH, the Trend Micro locality-sensitive hash (Oliver, Cheng and Chen, "TLSH - A Locality
 * Sensitive Hash", 2013), written here from the published algorithm: digests and distances as
 * Metron's {@code HASH(x, 'TLSH')} and {@code TLSH_DIST} produced them.
 */
package io.metron.stellar.tlsh;
