/**
 * Probabilistic structures whose layout follows Metron's: the bloom filter behind BLOOM_* (Guava's
 * bit layout and hashing over Metron's Kryo bytes of each value).
 */
package io.metron.stellar.sketch;
