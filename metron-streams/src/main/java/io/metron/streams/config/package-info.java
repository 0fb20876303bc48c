/**
 * Live configuration: the configs a running platform works from, reloaded when their documents
 * change. {@link io.metron.streams.config.LiveConfigs} holds the current valid set and tells
 * listeners when a new valid set replaces it; an invalid change is refused with every problem
 * logged, and the running configs stay.
 */
package io.metron.streams.config;
