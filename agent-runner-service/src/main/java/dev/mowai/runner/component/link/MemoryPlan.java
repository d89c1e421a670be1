package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.Definition;
import dev.mowai.runner.component.binary.Sort;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much host memory one component instance may ever hold in linear memories and tables, and the
 * maximum each memory and table of each core module gets so that the sum over every core instance
 * stays within the cap. The cap bounds the sum: a module instantiated 16 times shares one cap with
 * itself, not 16. Counted statically from the definitions (nested components included, as often
 * as they are instantiated), before anything is allocated.
 *
 * <p>The room above the minima is shared out like water: a memory or table that declares a maximum
 * below its equal share keeps it, the others split the rest evenly. A usual component (one main memory
 * without a maximum, tables of fixed size) gets the whole cap for its main memory.
 */
public final class MemoryPlan {
    /** Host bytes one table element costs (a reference in the table's array). */
    static final long TABLE_ELEMENT_BYTES = 8;
    /** A 32-bit memory has at most 65536 pages; GraalWasm's byte-array memories at most 32767. */
    private static final long MAX_PAGES = 32767;
    /** GraalWasm's table limit (the JS API's). */
    private static final long MAX_TABLE_ELEMENTS = 10_000_000;

    private final Map<Definition.CoreModule, MemoryCap.Caps> caps;
    private final long ceilingBytes;
    private final long memoryCeilingBytes;
    private final long initialBytes;

    private MemoryPlan(Map<Definition.CoreModule, MemoryCap.Caps> caps, List<Item> items, long initialBytes) {
        this.caps = caps;
        this.ceilingBytes = ceiling(items, true);
        this.memoryCeilingBytes = ceiling(items, false);
        this.initialBytes = initialBytes;
    }

    /** The part of {@link #ceilingBytes()} in linear memories (tables excluded). */
    public long memoryCeilingBytes() {
        return memoryCeilingBytes;
    }

    /** The most host memory the instance's memories and tables can reach (at most the cap). */
    public long ceilingBytes() {
        return ceilingBytes;
    }

    /** What the memories and tables take right after instantiation (their minima). */
    public long initialBytes() {
        return initialBytes;
    }

    MemoryCap.Caps caps(Definition.CoreModule module) {
        MemoryCap.Caps c = caps.get(module);
        if (c == null) {
            throw new IllegalStateException("module at byte offset " + module.offset() + " is not in the plan");
        }
        return c;
    }

    /** One defined memory or table of one module, instantiated {@code instances} times. */
    private static final class Item {
        final Definition.CoreModule module;
        final boolean table;
        final int index;
        final long unit;
        final long min;
        final long limit;
        final long instances;
        long max;

        Item(Definition.CoreModule module, boolean table, int index, MemoryCap.Limit l, long instances) {
            this.module = module;
            this.table = table;
            this.index = index;
            this.unit = table ? TABLE_ELEMENT_BYTES : RuntimeLimits.PAGE;
            this.min = l.min();
            long implementation = table ? MAX_TABLE_ELEMENTS : MAX_PAGES;
            this.limit = l.hasMax() ? Math.min(l.max(), implementation) : implementation;
            this.instances = instances;
            this.max = min;
        }
    }

    /**
     * The plan for {@code component} within {@code capBytes}.
     *
     * @throws LinkException when the minima alone exceed the cap (naming how many memories and what they need)
     */
    public static MemoryPlan of(Component component, long capBytes) {
        Map<Definition.CoreModule, Long> instances = new LinkedHashMap<>();
        count(component, 1, instances);
        List<Item> items = new ArrayList<>();
        for (Map.Entry<Definition.CoreModule, Long> e : instances.entrySet()) {
            Definition.CoreModule m = e.getKey();
            MemoryCap.Defined defined = MemoryCap.read(m.file(), m.start(), m.length(), "core module at byte offset " + m.offset());
            for (int i = 0; i < defined.memories().size(); i++) {
                items.add(new Item(m, false, i, defined.memories().get(i), e.getValue()));
            }
            for (int i = 0; i < defined.tables().size(); i++) {
                items.add(new Item(m, true, i, defined.tables().get(i), e.getValue()));
            }
        }
        long initial = 0;
        long memoryInstances = 0;
        for (Item it : items) {
            if (it.min > it.limit) {
                throw new LinkException("core module at byte offset " + it.module.offset() + ": " + (it.table ? "table " : "memory ")
                        + it.index + " has a minimum of " + it.min + " above its maximum");
            }
            initial = Math.addExact(initial, Math.multiplyExact(Math.multiplyExact(it.min, it.unit), it.instances));
            if (!it.table) {
                memoryInstances += it.instances;
            }
        }
        if (initial > capBytes) {
            throw new LinkException("the component's " + memoryInstances + " linear memor" + (memoryInstances == 1 ? "y" : "ies")
                    + " and its tables need at least " + mib(initial) + " at instantiation, above the limit of " + mib(capBytes)
                    + " for all memories and tables of an agent together (mowai.limits.memory-max-bytes)");
        }
        share(items, capBytes - initial);
        return new MemoryPlan(caps(instances.keySet(), items), items, initial);
    }

    /** Counts the instantiations of each core module, recursing into instantiated nested components. */
    private static void count(Component component, long times, Map<Definition.CoreModule, Long> instances) {
        List<Definition.CoreModule> modules = new ArrayList<>();
        List<Component> components = new ArrayList<>();
        for (Definition d : component.definitions()) {
            switch (d) {
                case Definition.CoreModule m -> {
                    modules.add(m);
                    instances.putIfAbsent(m, 0L);
                }
                case Definition.CoreInstantiate ci -> instances.merge(modules.get(ci.moduleIndex()), times, Math::addExact);
                case Definition.NestedComponent n -> components.add(n.component());
                case Definition.Instantiate i -> count(components.get(i.componentIndex()), times, instances);
                case Definition.Export e when e.sort() == Sort.COMPONENT -> components.add(components.get(e.index()));
                default -> { }
            }
        }
    }

    /** Shares {@code slack} bytes out over the items that can grow. */
    private static void share(List<Item> items, long slack) {
        List<Item> growing = new ArrayList<>(items.stream().filter(it -> it.limit > it.min && it.instances > 0).toList());
        while (!growing.isEmpty()) {
            long weight = growing.stream().mapToLong(it -> it.instances).sum();
            long share = slack / weight;
            List<Item> filled = growing.stream().filter(it -> (it.limit - it.min) * it.unit <= share).toList();
            if (filled.isEmpty()) {
                for (Item it : growing) {
                    it.max = it.min + share / it.unit;
                }
                return;
            }
            for (Item it : filled) {
                it.max = it.limit;
                slack -= (it.limit - it.min) * it.unit * it.instances;
            }
            growing.removeAll(filled);
        }
    }

    private static Map<Definition.CoreModule, MemoryCap.Caps> caps(java.util.Set<Definition.CoreModule> modules, List<Item> items) {
        Map<Definition.CoreModule, List<Item>> byModule = new IdentityHashMap<>();
        modules.forEach(m -> byModule.put(m, new ArrayList<>()));
        for (Item it : items) {
            byModule.get(it.module).add(it);
        }
        Map<Definition.CoreModule, MemoryCap.Caps> caps = new IdentityHashMap<>();
        for (Map.Entry<Definition.CoreModule, List<Item>> e : byModule.entrySet()) {
            long[] memories = e.getValue().stream().filter(it -> !it.table).mapToLong(it -> it.max).toArray();
            long[] tables = e.getValue().stream().filter(it -> it.table).mapToLong(it -> it.max).toArray();
            caps.put(e.getKey(), new MemoryCap.Caps(memories, tables));
        }
        return caps;
    }

    private static long ceiling(List<Item> items, boolean withTables) {
        long sum = 0;
        for (Item it : items) {
            if (withTables || !it.table) {
                sum += it.max * it.unit * it.instances;
            }
        }
        return sum;
    }

    static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
