package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.abi.Trap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The representation of {@code wasi:http/types.fields}: HTTP header or trailer entries in insertion
 * order, names lower-cased. Validation follows wasmtime: names must be HTTP tokens and values free of
 * control characters ({@code invalid-syntax}); hop-by-hop and host headers are {@code forbidden};
 * fields owned by a request or response are {@code immutable}.
 */
final class Fields {
    /** The header-error cases, by their index in the WIT variant. */
    enum HeaderError { INVALID_SYNTAX, FORBIDDEN, IMMUTABLE }

    record Entry(String name, byte[] value) {
    }

    static final int MAX_ENTRIES = 1024;
    static final int MAX_BYTES = 64 * 1024;

    private static final Set<String> FORBIDDEN = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "transfer-encoding", "upgrade", "host", "http2-settings");

    private final List<Entry> entries;
    private final boolean immutable;

    Fields() {
        this(new ArrayList<>(), false);
    }

    private Fields(List<Entry> entries, boolean immutable) {
        this.entries = entries;
        this.immutable = immutable;
    }

    /** A read-only view sharing these entries, as a request's or response's {@code headers()} returns. */
    Fields immutableView() {
        return new Fields(entries, true);
    }

    /** A mutable copy ({@code clone}). */
    Fields copy() {
        return new Fields(new ArrayList<>(entries), false);
    }

    boolean immutable() {
        return immutable;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<byte[]> get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.name.equals(key)).map(Entry::value).toList();
    }

    boolean has(String name) {
        return !get(name).isEmpty();
    }

    /** Replaces all values of {@code name}; null on success. */
    HeaderError set(String name, List<byte[]> values) {
        HeaderError e = check(name, values);
        if (e != null) {
            return e;
        }
        String key = name.toLowerCase(Locale.ROOT);
        List<Entry> added = values.stream().map(v -> new Entry(key, v.clone())).toList();
        requireCapacity(added, key);
        entries.removeIf(x -> x.name.equals(key));
        entries.addAll(added);
        return null;
    }

    HeaderError delete(String name) {
        HeaderError e = check(name, List.of());
        if (e != null) {
            return e;
        }
        String key = name.toLowerCase(Locale.ROOT);
        entries.removeIf(x -> x.name.equals(key));
        return null;
    }

    HeaderError append(String name, byte[] value) {
        HeaderError e = check(name, List.of(value));
        if (e != null) {
            return e;
        }
        Entry entry = new Entry(name.toLowerCase(Locale.ROOT), value.clone());
        requireCapacity(List.of(entry), null);
        entries.add(entry);
        return null;
    }

    private HeaderError check(String name, List<byte[]> values) {
        if (immutable) {
            return HeaderError.IMMUTABLE;
        }
        if (!isToken(name) || !values.stream().allMatch(Fields::isValidValue)) {
            return HeaderError.INVALID_SYNTAX;
        }
        if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            return HeaderError.FORBIDDEN;
        }
        return null;
    }

    /**
     * Entries beyond the caps trap: WASI has no header-error for size in 0.2.
     *
     * @param replaced the name whose entries {@code added} replace, or null when they are added
     */
    private void requireCapacity(List<Entry> added, String replaced) {
        long bytes = 0;
        int count = 0;
        for (Entry e : entries) {
            if (!e.name.equals(replaced)) {
                bytes += e.name.length() + e.value.length;
                count++;
            }
        }
        for (Entry e : added) {
            bytes += e.name.length() + e.value.length;
            count++;
        }
        if (count > MAX_ENTRIES || bytes > MAX_BYTES) {
            throw new Trap("wasi:http fields would hold " + count + " entries / " + bytes
                    + " bytes; the limit is " + MAX_ENTRIES + " entries and " + MAX_BYTES + " bytes");
        }
    }

    /** An RFC 9110 token: one or more of ALPHA, DIGIT and {@code !#$%&'*+-.^_`|~}. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Visible ASCII, space, tab and obs-text (0x80–0xFF); no other control characters. */
    static boolean isValidValue(byte[] v) {
        for (byte b : v) {
            int c = b & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
