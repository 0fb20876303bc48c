/**
 * libpcap through Java's foreign-function API ({@code java.lang.foreign}): no JNI, no third-party
 * binding. {@link io.metron.pcap.libpcap.LibPcap} binds the few functions Metron uses (open live or
 * offline, compile and set BPF filters, next packet, statistics) from the system's {@code
 * libpcap.so.0.8} (Debian package {@code libpcap0.8}).
 *
 * <p>The JVM must allow native access ({@code --enable-native-access=ALL-UNNAMED}); without it the
 * JDK prints a warning on first use.
 */
package io.metron.pcap.libpcap;
