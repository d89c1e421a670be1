package dev.mowai.runner.component.types;

import java.util.List;
import java.util.Optional;

/**
 * A dynamic component-model value, the generic currency between the canonical ABI and host
 * implementations. Integers are kept in their two's-complement bits: {@code U32} holds 0..2^32-1 in a
 * long, {@code U64} holds all 64 bits in a long (compare with {@link Long#compareUnsigned}).
 */
public sealed interface Val {

    record Bool(boolean value) implements Val {}

    record S8(byte value) implements Val {}

    record U8(int value) implements Val {}

    record S16(short value) implements Val {}

    record U16(int value) implements Val {}

    record S32(int value) implements Val {}

    record U32(long value) implements Val {}

    record S64(long value) implements Val {}

    record U64(long value) implements Val {}

    record F32(float value) implements Val {}

    record F64(double value) implements Val {}

    /** A Unicode scalar value (never a surrogate). */
    record Char(int codePoint) implements Val {}

    record Str(String value) implements Val {}

    /** A list; {@code list<u8>}/{@code list<s8>} are kept compact as a {@link ByteList}. */
    record ListVal(List<Val> elements) implements Val {
        public ListVal { elements = elements instanceof ByteList ? elements : List.copyOf(elements); }
    }

    /** Field values in the order of the record type's fields. */
    record RecordVal(List<Val> fields) implements Val {
        public RecordVal { fields = List.copyOf(fields); }
    }

    record TupleVal(List<Val> elements) implements Val {
        public TupleVal { elements = List.copyOf(elements); }
    }

    /** The case index and its payload (empty when the case has none). */
    record VariantVal(int caseIndex, Optional<Val> payload) implements Val {}

    record EnumVal(int caseIndex) implements Val {}

    record OptionVal(Optional<Val> value) implements Val {}

    /** {@code isOk} selects the side; {@code payload} is empty when that side has no type. */
    record ResultVal(boolean isOk, Optional<Val> payload) implements Val {}

    /** The set flags, as indices into the flags type's names. */
    record FlagsVal(java.util.Set<Integer> set) implements Val {
        public FlagsVal { set = java.util.Set.copyOf(set); }
    }

    /**
     * A resource handle as the host sees it: the resource's representation (a host object for
     * host-defined resources, the guest's i32 rep as an Integer for guest-defined ones). The
     * canonical ABI maps it to and from per-instance handle-table indices.
     */
    record Own(ResourceType type, Object rep) implements Val {}

    record Borrow(ResourceType type, Object rep) implements Val {}
}
