package dev.mowai.runner.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.binary.Definition;
import dev.mowai.runner.component.binary.Leb128;
import java.io.ByteArrayOutputStream;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/** Every upload is a new module: the cache must reuse identical content but keep little alive itself. */
class ModuleCacheTest {
    /** The test modules define no memory or table. */
    private static final MemoryCap.Caps NONE = new MemoryCap.Caps(new long[0], new long[0]);

    private static final int MIB = 1 << 20;

    /** A valid core module of about {@code size} bytes: the header and one custom section named {@code tag}. */
    private static byte[] module(int size, String tag) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] name = tag.getBytes();
        payload.write(name.length);
        payload.writeBytes(name);
        payload.writeBytes(new byte[size]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 0});
        Leb128.writeUnsigned(out, payload.size());
        out.writeBytes(payload.toByteArray());
        return out.toByteArray();
    }

    /** The module embedded at {@code offset} of a larger file, as the component parser hands it over. */
    private static Definition.CoreModule embedded(byte[] module, int offset) {
        byte[] file = new byte[offset + module.length + 3];
        System.arraycopy(module, 0, file, offset, module.length);
        return new Definition.CoreModule(file, offset, module.length, offset);
    }

    @Test
    void identicalContentInAnotherFileIsTheSameSource() {
        ModuleCache cache = new ModuleCache();
        byte[] m = module(1000, "a");
        Source first = cache.source(embedded(m, 10), NONE);
        assertSame(first, cache.source(embedded(m, 77), NONE), "same bytes, other file and offset: parsed once");
        assertNotSame(first, cache.source(embedded(module(1000, "b"), 10), NONE));
    }

    @Test
    void keepsOnlyTheMostRecentModulesStrongly() {
        ModuleCache cache = new ModuleCache();
        int size = 12 * MIB;
        Source first = cache.source(embedded(module(size, "first"), 0), NONE);
        for (int i = 0; i < 5; i++) {
            cache.source(embedded(module(size, "upload " + i), 0), NONE);
            assertTrue(cache.stronglyHeldBytes() <= ModuleCache.STRONG_BYTES,
                    "held " + cache.stronglyHeldBytes() + " bytes after upload " + i);
        }
        assertTrue(cache.stronglyHeldBytes() >= size, "the latest module stays cached");
        // no longer held by the cache, but still used (here by this test, in practice by a live instance)
        assertSame(first, cache.source(embedded(module(size, "first"), 5), NONE));
    }

    @Test
    void aModuleLargerThanTheBudgetIsStillKeptWhileItIsTheLatest() {
        ModuleCache cache = new ModuleCache();
        int size = (int) ModuleCache.STRONG_BYTES + MIB;
        cache.source(embedded(module(size, "big"), 0), NONE);
        assertEquals(size, cache.stronglyHeldBytes(), 0.01 * size);
        cache.source(embedded(module(1000, "small"), 0), NONE);
        assertTrue(cache.stronglyHeldBytes() < MIB, "the big module is only weakly held once a newer one arrives");
    }
}
