package dev.mowai.runner.component.binary;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One definition of a component, in the order the binary declares it. Index spaces are built from
 * this order: each definition appends to the index space of {@link #sort()} (when it has one).
 * {@code offset} is where the definition starts in the file, for error messages of later stages.
 */
public sealed interface Definition {

    long offset();

    /** The index space this definition appends to, or null (custom sections do not exist here). */
    Sort sort();

    /** An embedded core module; its bytes stay in the file's array (no copy). */
    record CoreModule(byte[] file, int start, int length, long offset) implements Definition {
        public Sort sort() { return Sort.CORE_MODULE; }

        /** A copy of the module's bytes. */
        public byte[] bytes() {
            return java.util.Arrays.copyOfRange(file, start, start + length);
        }
    }

    /** {@code (core instance (instantiate m (with name (instance i))*))}. */
    record CoreInstantiate(int moduleIndex, List<CoreArg> args, long offset) implements Definition {
        public CoreInstantiate { args = List.copyOf(args); }
        public Sort sort() { return Sort.CORE_INSTANCE; }
    }

    record CoreArg(String name, int instanceIndex) {}

    /** A core instance made of existing core definitions (an "inline export bundle"). */
    record CoreInlineInstance(List<CoreExport> exports, long offset) implements Definition {
        public CoreInlineInstance { exports = List.copyOf(exports); }
        public Sort sort() { return Sort.CORE_INSTANCE; }
    }

    record CoreExport(String name, Sort sort, int index) {}

    record CoreTypeDef(CoreType type, long offset) implements Definition {
        public Sort sort() { return Sort.CORE_TYPE; }
    }

    record NestedComponent(Component component, long offset) implements Definition {
        public Sort sort() { return Sort.COMPONENT; }
    }

    /** {@code (instance (instantiate c (with name (sort idx))*))}. */
    record Instantiate(int componentIndex, List<Arg> args, long offset) implements Definition {
        public Instantiate { args = List.copyOf(args); }
        public Sort sort() { return Sort.INSTANCE; }
    }

    record Arg(String name, Sort sort, int index) {}

    /** A component instance made of existing definitions. */
    record InlineInstance(List<Arg> exports, long offset) implements Definition {
        public InlineInstance { exports = List.copyOf(exports); }
        public Sort sort() { return Sort.INSTANCE; }
    }

    /** {@code (alias export i "name" (sort))}: an export of a component instance. */
    record AliasInstanceExport(Sort sort, int instanceIndex, String name, long offset) implements Definition {}

    /** {@code (alias core export i "name" (core sort))}: an export of a core instance. */
    record AliasCoreExport(Sort sort, int coreInstanceIndex, String name, long offset) implements Definition {}

    /** {@code (alias outer count index (sort))}: a definition of an enclosing component. */
    record AliasOuter(Sort sort, int outerCount, int index, long offset) implements Definition {}

    record TypeDef(TypeDefinition type, long offset) implements Definition {
        public Sort sort() { return Sort.TYPE; }
    }

    /** {@code (canon lift coreFunc opts (type t))}: defines a component function. */
    record CanonLift(int coreFuncIndex, CanonOptions options, int typeIndex, long offset) implements Definition {
        public Sort sort() { return Sort.FUNC; }
    }

    /** {@code (canon lower func opts)}: defines a core function. */
    record CanonLower(int funcIndex, CanonOptions options, long offset) implements Definition {
        public Sort sort() { return Sort.CORE_FUNC; }
    }

    record CanonResourceNew(int typeIndex, long offset) implements Definition {
        public Sort sort() { return Sort.CORE_FUNC; }
    }

    record CanonResourceDrop(int typeIndex, long offset) implements Definition {
        public Sort sort() { return Sort.CORE_FUNC; }
    }

    record CanonResourceRep(int typeIndex, long offset) implements Definition {
        public Sort sort() { return Sort.CORE_FUNC; }
    }

    /** A component start function; appends {@code resultCount} values. */
    record Start(int funcIndex, List<Integer> valueArgs, int resultCount, long offset) implements Definition {
        public Start { valueArgs = List.copyOf(valueArgs); }
        public Sort sort() { return Sort.VALUE; }
    }

    record Import(String name, ExternDesc desc, long offset) implements Definition {
        public Sort sort() { return desc.sort(); }
    }

    /** An export; it also appends a new index aliasing the exported definition. */
    record Export(String name, Sort exportedSort, int index, Optional<ExternDesc> ascribed, long offset)
            implements Definition {
        public Sort sort() { return exportedSort; }
    }

    /** Canonical ABI options of a lift or lower. Absent indices are empty. */
    record CanonOptions(StringEncoding encoding, OptionalInt memory, OptionalInt realloc, OptionalInt postReturn) {
        public static final CanonOptions NONE =
                new CanonOptions(StringEncoding.UTF8, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    enum StringEncoding { UTF8, UTF16, LATIN1_UTF16 }
}
