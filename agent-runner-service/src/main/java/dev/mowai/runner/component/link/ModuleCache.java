package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Definition;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Core modules by content hash (the memory cap applied). Reusing the same {@link Source} lets the
 * shared Engine reuse the parsed and compiled module across component instances. A second map keyed
 * by the parsed file's array (weakly) skips re-hashing when the same parsed component is instantiated
 * again; the hash map keeps the most recently used modules only.
 */
final class ModuleCache {
    private static final int MAX_MODULES = 64;

    private final Map<String, Source> byHash = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
            return size() > MAX_MODULES;
        }
    });
    private final Map<byte[], Map<Integer, Source>> byFile = Collections.synchronizedMap(new WeakHashMap<>());
    private final int maxMemoryPages;

    ModuleCache(int maxMemoryPages) {
        this.maxMemoryPages = maxMemoryPages;
    }

    Source source(Definition.CoreModule module) {
        Map<Integer, Source> perFile = byFile.computeIfAbsent(module.file(), k -> new ConcurrentHashMap<>());
        return perFile.computeIfAbsent(module.start(), s -> byHash(module));
    }

    private Source byHash(Definition.CoreModule module) {
        String hash = sha256(module.file(), module.start(), module.length());
        Source cached = byHash.get(hash);
        if (cached != null) {
            return cached;
        }
        String name = "core-" + hash.substring(0, 16) + ".wasm";
        byte[] capped = MemoryCap.apply(module.bytes(), maxMemoryPages, name);
        Source source = Source.newBuilder("wasm", ByteSequence.create(capped), name).cached(true).buildLiteral();
        byHash.put(hash, source);
        return source;
    }

    private static String sha256(byte[] b, int start, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, start, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
