package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Definition;
import java.lang.ref.WeakReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Core modules by content hash and memory/table caps ({@link MemoryPlan}) applied. Reusing the same {@link Source} lets the
 * shared Engine reuse the parsed and compiled module across component instances.
 *
 * <p>The engine keeps a parsed module as long as its Source is reachable, and a parsed 12 MB JS
 * agent holds about 50 MiB of heap. Every upload is a new module, so the cache must not keep modules
 * alive by itself: by hash it holds Sources weakly (alive while a component instance or a parsed
 * component still uses them) and only the most recent ones strongly, up to {@link #STRONG_BYTES} of
 * module bytes, so that an agent re-uploaded soon after it was removed is not parsed again. A second
 * map keyed by the parsed file's array (weakly) skips re-hashing when the same parsed component is
 * instantiated again.
 */
final class ModuleCache {
    /** Module bytes held strongly: two 12 MB JS agents, or hundreds of small C/Rust modules. */
    static final long STRONG_BYTES = 32L << 20;

    private final Map<String, WeakReference<Source>> byHash = new HashMap<>();
    private final LinkedHashMap<String, Source> recent = new LinkedHashMap<>(16, 0.75f, true);
    private long recentBytes;
    private final Map<byte[], Map<String, Source>> byFile = new WeakHashMap<>();

    Source source(Definition.CoreModule module, MemoryCap.Caps caps) {
        Map<String, Source> perFile;
        synchronized (byFile) {
            perFile = byFile.computeIfAbsent(module.file(), k -> new ConcurrentHashMap<>());
        }
        return perFile.computeIfAbsent(module.start() + caps.key(), s -> byHash(module, caps));
    }

    private Source byHash(Definition.CoreModule module, MemoryCap.Caps caps) {
        String hash = sha256(module.file(), module.start(), module.length(), caps.key());
        synchronized (this) {
            WeakReference<Source> ref = byHash.get(hash);
            Source cached = ref == null ? null : ref.get();
            if (cached != null) {
                keepRecent(hash, cached);
                return cached;
            }
        }
        String name = "core-" + hash.substring(0, 16) + ".wasm";
        byte[] capped = MemoryCap.apply(module.bytes(), caps, name);
        Source source = Source.newBuilder("wasm", ByteSequence.create(capped), name).cached(true).buildLiteral();
        synchronized (this) {
            byHash.values().removeIf(r -> r.get() == null);
            byHash.put(hash, new WeakReference<>(source));
            keepRecent(hash, source);
        }
        return source;
    }

    private void keepRecent(String hash, Source source) {
        if (recent.put(hash, source) == null) {
            recentBytes += source.getBytes().length();
        }
        var eldest = recent.entrySet().iterator();
        while (recentBytes > STRONG_BYTES && recent.size() > 1) {
            Source dropped = eldest.next().getValue();
            eldest.remove();
            recentBytes -= dropped.getBytes().length();
        }
    }

    /** Module bytes the cache itself keeps alive (for tests). */
    synchronized long stronglyHeldBytes() {
        return recentBytes;
    }

    private static String sha256(byte[] b, int start, int length, String caps) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, start, length);
            md.update(caps.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
