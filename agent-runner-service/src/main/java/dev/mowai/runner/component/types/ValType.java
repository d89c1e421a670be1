package dev.mowai.runner.component.types;

import java.util.List;
import java.util.Optional;

/**
 * A component-model value type, fully resolved (no type indices left).
 * The parser ({@code binary}) produces these; the canonical ABI ({@code abi}) consumes them.
 */
public sealed interface ValType {

    /** Primitive value types, in the order of their binary encodings (0x7f bool … 0x73 string). */
    enum Primitive implements ValType {
        BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING
    }

    record ListType(ValType element) implements ValType {}

    record Field(String name, ValType type) {}

    record RecordType(List<Field> fields) implements ValType {
        public RecordType { fields = List.copyOf(fields); }
    }

    record TupleType(List<ValType> types) implements ValType {
        public TupleType { types = List.copyOf(types); }
    }

    /** A variant case; {@code type} is empty for a case without payload. */
    record Case(String name, Optional<ValType> type) {}

    record VariantType(List<Case> cases) implements ValType {
        public VariantType { cases = List.copyOf(cases); }
    }

    record EnumType(List<String> names) implements ValType {
        public EnumType { names = List.copyOf(names); }
    }

    record OptionType(ValType type) implements ValType {}

    /** {@code result<ok, err>}; either side may be absent. */
    record ResultType(Optional<ValType> ok, Optional<ValType> err) implements ValType {}

    record FlagsType(List<String> names) implements ValType {
        public FlagsType { names = List.copyOf(names); }
    }

    /** An owned handle to a resource. */
    record Own(ResourceType resource) implements ValType {}

    /** A borrowed handle to a resource, valid for the duration of one call. */
    record Borrow(ResourceType resource) implements ValType {}
}
