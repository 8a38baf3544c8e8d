package dev.twine.examples.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * The nicks one reactor owns — those whose names hash to it ({@link Owners}) — and who holds each.
 * Nicks are unique server-wide, so each has exactly one owner that says yes or no to it; only that
 * owner's thread touches this.
 */
final class Nicks {

    private final Map<String, MemberId> holders = new HashMap<>();

    /** Gives {@code nick} to {@code member} if it is free (or already its); true if it now holds it. */
    boolean claim(String nick, MemberId member) {
        return holders.putIfAbsent(nick, member) == null || holders.get(nick).equals(member);
    }

    /** Frees {@code nick}, if {@code member} holds it. */
    void release(String nick, MemberId member) {
        holders.remove(nick, member);
    }
}
