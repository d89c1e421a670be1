package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compact Java notation for WIT types, so each WASI interface reads close to its WIT definition:
 * {@code method(OUTPUT_STREAM, "write").param("contents", list(U8)).returns(result(null, STREAM_ERROR))}.
 */
final class Wit {
    static final ValType BOOL = Primitive.BOOL;
    static final ValType U8 = Primitive.U8;
    static final ValType U16 = Primitive.U16;
    static final ValType U32 = Primitive.U32;
    static final ValType U64 = Primitive.U64;
    static final ValType S32 = Primitive.S32;
    static final ValType STRING = Primitive.STRING;

    private Wit() {
    }

    static ValType list(ValType element) {
        return new ValType.ListType(element);
    }

    static ValType option(ValType type) {
        return new ValType.OptionType(type);
    }

    /** {@code result<ok, err>}; pass null for an absent side ({@code result<_, e>}, {@code result}). */
    static ValType result(ValType ok, ValType err) {
        return new ValType.ResultType(Optional.ofNullable(ok), Optional.ofNullable(err));
    }

    static ValType tuple(ValType... types) {
        return new ValType.TupleType(List.of(types));
    }

    /** {@code record { name: type, ... }} from alternating names and types. */
    static ValType record(Object... namesAndTypes) {
        List<ValType.Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(new ValType.Field((String) namesAndTypes[i], (ValType) namesAndTypes[i + 1]));
        }
        return new ValType.RecordType(fields);
    }

    static ValType enumOf(String... names) {
        return new ValType.EnumType(List.of(names));
    }

    static ValType flags(String... names) {
        return new ValType.FlagsType(List.of(names));
    }

    static ValType.Case unit(String name) {
        return new ValType.Case(name, Optional.empty());
    }

    static ValType.Case with(String name, ValType payload) {
        return new ValType.Case(name, Optional.of(payload));
    }

    static ValType variant(ValType.Case... cases) {
        return new ValType.VariantType(List.of(cases));
    }

    static ValType own(ResourceType r) {
        return new ValType.Own(r);
    }

    static ValType borrow(ResourceType r) {
        return new ValType.Borrow(r);
    }

    /** A free function or static function signature. */
    static Sig fn() {
        return new Sig(new ArrayList<>());
    }

    /** A method: the first parameter is {@code self: borrow<resource>}. */
    static Sig method(ResourceType self) {
        Sig s = fn();
        return s.param("self", borrow(self));
    }

    /** Function-name forms of the component model for resource members. */
    static String methodName(ResourceType r, String name) {
        return "[method]" + r.name() + "." + name;
    }

    static String staticName(ResourceType r, String name) {
        return "[static]" + r.name() + "." + name;
    }

    static String constructorName(ResourceType r) {
        return "[constructor]" + r.name();
    }

    /** Parameters collected so far; finish with {@link #returns} or {@link #none}. */
    record Sig(List<FuncType.Param> params) {
        Sig param(String name, ValType type) {
            params.add(new FuncType.Param(name, type));
            return this;
        }

        Sig params(Object... namesAndTypes) {
            for (int i = 0; i < namesAndTypes.length; i += 2) {
                param((String) namesAndTypes[i], (ValType) namesAndTypes[i + 1]);
            }
            return this;
        }

        FuncType returns(ValType result) {
            return new FuncType(params, Optional.of(result));
        }

        FuncType none() {
            return new FuncType(params, Optional.empty());
        }
    }
}
