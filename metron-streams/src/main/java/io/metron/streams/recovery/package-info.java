/**
 * What lets a platform killed with SIGKILL carry on within seconds of its restart, with nothing
 * lost and nothing repeated.
 *
 * <ul>
 *   <li>{@link io.metron.streams.recovery.InstanceIdentity}: the identity of a data directory, kept
 *       across restarts, used as the consumers' static group membership so the restarted instance
 *       takes its partitions back at once instead of waiting for the dead one's session to expire.
 *   <li>{@link io.metron.streams.recovery.ProducerFencing}: remembers the transactional ids the
 *       stream threads used and fences them on the next start, which aborts the transactions the
 *       dead instance left open (they would otherwise hold back every {@code read_committed} reader
 *       until the transaction timeout).
 *   <li>{@link io.metron.streams.recovery.HangingTransactions}: aborts, on a schedule, a
 *       transaction left on a partition that the transaction coordinator does not know about, which
 *       neither fencing nor the timeout ends (seen after a SIGKILL of the embedded broker).
 * </ul>
 */
package io.metron.streams.recovery;
