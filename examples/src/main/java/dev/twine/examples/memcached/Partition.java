package dev.twine.examples.memcached;

import dev.twine.runtime.Reactor;

/**
 * One reactor's share of the server: the part of the cache it owns and the counts of the
 * connections it serves. Only the owner's thread touches them; other reactors reach them by
 * message, through {@link Partitions}.
 *
 * @param owner the reactor whose thread alone touches this partition; {@code null} when the server
 *              has one partition only, which is never reached by message
 * @param store the items whose keys hash to this partition, with its share of the memory limit
 * @param stats the counts of the connections the owner serves
 */
record Partition(Reactor owner, Store store, ServerStats stats) {}
