package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Case;

import java.util.ArrayList;
import java.util.List;

/** How component values map to core wasm values on the stack (the spec's {@code flatten_*}). */
public final class Flattening {
    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;

    /**
     * Which side of the boundary the core function is on. {@code LIFT}: a guest export called by the
     * host ({@code canon lift}) returns a pointer to spilled results. {@code LOWER}: a host import called
     * by the guest ({@code canon lower}) receives a pointer where it writes spilled results.
     */
    public enum Context { LIFT, LOWER }

    /** A core function signature. */
    public record CoreSignature(List<CoreType> params, List<CoreType> results) {
        public CoreSignature {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }
    }

    private Flattening() {}

    public static CoreSignature flattenFunc(FuncType ft, Context context) {
        List<CoreType> params = flatParamTypes(ft);
        if (params.size() > MAX_FLAT_PARAMS) {
            params = List.of(CoreType.I32);
        }
        List<CoreType> results = flatResultTypes(ft);
        if (results.size() > MAX_FLAT_RESULTS) {
            if (context == Context.LIFT) {
                results = List.of(CoreType.I32);
            } else {
                params = new ArrayList<>(params);
                params.add(CoreType.I32);
                results = List.of();
            }
        }
        return new CoreSignature(params, results);
    }

    /** Flat parameters of all params together, before the 16-value limit is applied. */
    static List<CoreType> flatParamTypes(FuncType ft) {
        List<CoreType> out = new ArrayList<>();
        for (FuncType.Param p : ft.params()) {
            flatten(p.type(), out);
        }
        return out;
    }

    static List<CoreType> flatResultTypes(FuncType ft) {
        List<CoreType> out = new ArrayList<>();
        ft.result().ifPresent(t -> flatten(t, out));
        return out;
    }

    public static List<CoreType> flatten(ValType t) {
        List<CoreType> out = new ArrayList<>();
        flatten(t, out);
        return out;
    }

    private static void flatten(ValType t, List<CoreType> out) {
        switch (t) {
            case ValType.Primitive p -> {
                switch (p) {
                    case BOOL, S8, U8, S16, U16, S32, U32, CHAR -> out.add(CoreType.I32);
                    case S64, U64 -> out.add(CoreType.I64);
                    case F32 -> out.add(CoreType.F32);
                    case F64 -> out.add(CoreType.F64);
                    case STRING -> {
                        out.add(CoreType.I32);
                        out.add(CoreType.I32);
                    }
                }
            }
            case ValType.ListType l -> {
                out.add(CoreType.I32);
                out.add(CoreType.I32);
            }
            case ValType.RecordType r -> r.fields().forEach(f -> flatten(f.type(), out));
            case ValType.TupleType tu -> tu.types().forEach(e -> flatten(e, out));
            case ValType.VariantType v -> out.addAll(flattenVariant(v.cases()));
            case ValType.EnumType e -> out.addAll(flattenVariant(Layout.enumCases(e)));
            case ValType.OptionType o -> out.addAll(flattenVariant(Layout.optionCases(o)));
            case ValType.ResultType r -> out.addAll(flattenVariant(Layout.resultCases(r)));
            case ValType.FlagsType f -> {
                for (int i = 0; i < flagsI32Count(f.names().size()); i++) {
                    out.add(CoreType.I32);
                }
            }
            case ValType.Own o -> out.add(CoreType.I32);
            case ValType.Borrow b -> out.add(CoreType.I32);
        }
    }

    /** Flags flatten to one i32 per started group of 32 (none for zero flags). */
    static int flagsI32Count(int count) {
        return (count + 31) / 32;
    }

    /** The discriminant, then the element-wise join of every case's flat payload. */
    static List<CoreType> flattenVariant(List<Case> cases) {
        List<CoreType> joined = new ArrayList<>();
        for (Case c : cases) {
            if (c.type().isEmpty()) {
                continue;
            }
            List<CoreType> flat = flatten(c.type().get());
            for (int i = 0; i < flat.size(); i++) {
                if (i < joined.size()) {
                    joined.set(i, join(joined.get(i), flat.get(i)));
                } else {
                    joined.add(flat.get(i));
                }
            }
        }
        List<CoreType> out = new ArrayList<>(joined.size() + 1);
        out.add(CoreType.I32);
        out.addAll(joined);
        return out;
    }

    static CoreType join(CoreType a, CoreType b) {
        if (a == b) {
            return a;
        }
        if ((a == CoreType.I32 && b == CoreType.F32) || (a == CoreType.F32 && b == CoreType.I32)) {
            return CoreType.I32;
        }
        return CoreType.I64;
    }
}
