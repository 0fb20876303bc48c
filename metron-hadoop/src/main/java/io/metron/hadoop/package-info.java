/**
 * The archive on a Hadoop FileSystem: {@link io.metron.hadoop.HadoopArchiveStorage} implements
 * {@link io.metron.search.archive.ArchiveStorage} with Hadoop's client, and {@link
 * io.metron.hadoop.HadoopStorageProvider} offers it (through {@link java.util.ServiceLoader}) for
 * the schemes Hadoop has a FileSystem for: {@code hdfs://}, {@code webhdfs://}, {@code viewfs://},
 * and {@code s3a://} when hadoop-aws is on the classpath.
 */
package io.metron.hadoop;
