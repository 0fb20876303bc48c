/**
 * The packet store: packets kept as standard pcap files, partitioned by time, each sealed file with
 * a flow index beside it, so a query for one flow reads only that flow's records.
 *
 * <p>Layout under the root: {@code YYYYMMDD/pcap_<topic>_<startNanos>_<partition>_<seq>.pcap}
 * (Metron's file naming, by UTC day of the first packet). A file is sealed by writing {@code
 * <name>.idx} atomically (temp file, fsync, rename); an index maps each flow (5-tuple, both
 * directions together) and its time range to the offsets and timestamps of its records. Files
 * without an index are open or were open at a crash: on open the store cuts each one back to its
 * last whole record and seals it. Retention deletes the oldest sealed files by age and total size.
 *
 * <p>Key types: {@link io.metron.pcap.store.PacketStore} (writing, recovery, retention), {@link
 * io.metron.pcap.store.StoreConfig}, {@link io.metron.pcap.store.FlowIndex} (the index format) and
 * {@link io.metron.pcap.store.StoreReader} (index-driven reads for queries).
 */
package io.metron.pcap.store;
