package dev.mowai.runner.component.types;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Component type matching, the one implementation behind conformance reports and instantiation (in
 * the spirit of wasmtime's {@code matching.rs}): can what is provided be used where something of the
 * required type is expected? Everything the canonical ABI depends on must agree exactly: arity, the
 * types of parameters and results, record field names and order, variant/enum/flags case names,
 * resources (by identity). Parameter names are not part of the ABI (wasmtime and jco call such
 * functions fine), so differing names are a note, never a problem. Each problem names the path
 * (e.g. {@code export 'handle-task'}) and the first difference, as {@code expected <required>, found
 * <provided>}. Function types match exactly, so a caller may pass its reference (the world, the
 * host) as {@code required} either way round.
 */
public final class TypeMatching {
    private TypeMatching() {
    }

    public static void extern(String path, ExternType provided, ExternType required, Findings out) {
        switch (required) {
            case ExternType.Func(FuncType r) -> {
                if (provided instanceof ExternType.Func(FuncType p)) {
                    func(path, p, r, out);
                } else {
                    out.problem(path + ": expected a function " + TypeText.of(r) + ", found " + kind(provided));
                }
            }
            case ExternType.Instance(InstanceType r) -> {
                if (!(provided instanceof ExternType.Instance(InstanceType p))) {
                    out.problem(path + ": expected an instance, found " + kind(provided));
                    return;
                }
                for (Map.Entry<String, ExternType> e : r.exports().entrySet()) {
                    ExternType got = p.exports().get(e.getKey());
                    if (got == null) {
                        out.problem(path + "#" + e.getKey() + ": not provided");
                    } else {
                        extern(path + "#" + e.getKey(), got, e.getValue(), out);
                    }
                }
            }
            case ExternType.Type(DefinedType r) -> {
                if (!(provided instanceof ExternType.Type(DefinedType p)) || !sameDefined(p, r)) {
                    String where = provided instanceof ExternType.Type(DefinedType.Value(ValType p))
                            && r instanceof DefinedType.Value(ValType w) ? ": " + difference(w, p) : "";
                    out.problem(path + ": expected type " + describe(r) + ", found " + kind(provided) + where);
                }
            }
            case ExternType.Value(ValType r) -> {
                if (!(provided instanceof ExternType.Value(ValType p)) || !same(p, r)) {
                    out.problem(path + ": expected a value of type " + TypeText.of(r) + ", found " + kind(provided));
                }
            }
            case ExternType.Component c -> {
                if (!(provided instanceof ExternType.Component)) {
                    out.problem(path + ": expected a component, found " + kind(provided));
                }
            }
            case ExternType.CoreModule m -> {
                if (!(provided instanceof ExternType.CoreModule)) {
                    out.problem(path + ": expected a core module, found " + kind(provided));
                }
            }
        }
    }

    /** Matches two function types; see the class comment for what must agree. */
    public static void func(String path, FuncType provided, FuncType required, Findings out) {
        String both = " (expected " + TypeText.of(required) + ", found " + TypeText.of(provided) + ")";
        List<FuncType.Param> want = required.params();
        List<FuncType.Param> got = provided.params();
        if (want.size() != got.size()) {
            out.problem(path + ": expected " + count(want.size()) + ", found " + got.size() + both);
            return;
        }
        boolean ok = true;
        boolean renamed = false;
        for (int i = 0; i < want.size(); i++) {
            String diff = difference(want.get(i).type(), got.get(i).type());
            if (diff != null) {
                out.problem(path + ": parameter " + (i + 1) + " '" + want.get(i).name() + "': " + diff + both);
                ok = false;
            }
            renamed |= !want.get(i).name().equals(got.get(i).name());
        }
        String result = resultDifference(required.result(), provided.result());
        if (result != null) {
            out.problem(path + ": result: " + result + both);
            ok = false;
        }
        if (ok && renamed) {
            out.note(path + ": parameter names differ" + both + "; names are not part of the ABI, so it matches");
        }
    }

    /** Whether two value types are the same type (resources by identity). */
    public static boolean same(ValType a, ValType b) {
        return a == b || a.equals(b);
    }

    /** Where {@code found} first differs from {@code expected}, in words; null when they are the same. */
    public static String difference(ValType expected, ValType found) {
        if (same(expected, found)) {
            return null;
        }
        String kinds = "expected " + TypeText.of(expected) + ", found " + TypeText.of(found);
        return switch (expected) {
            case ValType.RecordType e when found instanceof ValType.RecordType f -> {
                if (e.fields().size() != f.fields().size()) {
                    yield "expected a record of " + e.fields().size() + " fields, found " + f.fields().size() + ": " + kinds;
                }
                for (int i = 0; i < e.fields().size(); i++) {
                    ValType.Field ef = e.fields().get(i);
                    ValType.Field ff = f.fields().get(i);
                    if (!ef.name().equals(ff.name())) {
                        yield "record field " + (i + 1) + ": expected '" + ef.name() + "', found '" + ff.name() + "'";
                    }
                    String inner = difference(ef.type(), ff.type());
                    if (inner != null) {
                        yield "record field '" + ef.name() + "': " + inner;
                    }
                }
                yield kinds;
            }
            case ValType.VariantType e when found instanceof ValType.VariantType f -> {
                if (e.cases().size() != f.cases().size()) {
                    yield "expected a variant of " + e.cases().size() + " cases, found " + f.cases().size() + ": " + kinds;
                }
                for (int i = 0; i < e.cases().size(); i++) {
                    ValType.Case ec = e.cases().get(i);
                    ValType.Case fc = f.cases().get(i);
                    if (!ec.name().equals(fc.name())) {
                        yield "variant case " + (i + 1) + ": expected '" + ec.name() + "', found '" + fc.name() + "'";
                    }
                    String inner = optionalDifference(ec.type(), fc.type());
                    if (inner != null) {
                        yield "variant case '" + ec.name() + "': " + inner;
                    }
                }
                yield kinds;
            }
            case ValType.EnumType e when found instanceof ValType.EnumType f -> names("enum case", e.names(), f.names(), kinds);
            case ValType.FlagsType e when found instanceof ValType.FlagsType f -> names("flag", e.names(), f.names(), kinds);
            case ValType.TupleType e when found instanceof ValType.TupleType f -> {
                if (e.types().size() != f.types().size()) {
                    yield "expected a tuple of " + e.types().size() + ", found " + f.types().size() + ": " + kinds;
                }
                for (int i = 0; i < e.types().size(); i++) {
                    String inner = difference(e.types().get(i), f.types().get(i));
                    if (inner != null) {
                        yield "tuple element " + (i + 1) + ": " + inner;
                    }
                }
                yield kinds;
            }
            case ValType.ListType e when found instanceof ValType.ListType f -> prefixed("list element", difference(e.element(), f.element()), kinds);
            case ValType.OptionType e when found instanceof ValType.OptionType f -> prefixed("option payload", difference(e.type(), f.type()), kinds);
            case ValType.ResultType e when found instanceof ValType.ResultType f -> {
                String ok = optionalDifference(e.ok(), f.ok());
                yield ok != null ? "result ok: " + ok : prefixed("result error", optionalDifference(e.err(), f.err()), kinds);
            }
            default -> kinds; // different kinds, primitives, or handles to different resources
        };
    }

    private static String resultDifference(Optional<ValType> expected, Optional<ValType> found) {
        if (expected.isEmpty() != found.isEmpty()) {
            return expected.isEmpty() ? "expected none, found " + TypeText.of(found.get())
                    : "expected " + TypeText.of(expected.get()) + ", found none";
        }
        return expected.isEmpty() ? null : difference(expected.get(), found.get());
    }

    private static String optionalDifference(Optional<ValType> expected, Optional<ValType> found) {
        if (expected.isEmpty() != found.isEmpty()) {
            return expected.isEmpty() ? "expected no payload, found " + TypeText.of(found.get())
                    : "expected a payload " + TypeText.of(expected.get()) + ", found none";
        }
        return expected.isEmpty() ? null : difference(expected.get(), found.get());
    }

    private static String names(String what, List<String> expected, List<String> found, String kinds) {
        if (expected.size() != found.size()) {
            return "expected " + expected.size() + " " + what + "s, found " + found.size() + ": " + kinds;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(found.get(i))) {
                return what + " " + (i + 1) + ": expected '" + expected.get(i) + "', found '" + found.get(i) + "'";
            }
        }
        return kinds;
    }

    private static String prefixed(String where, String inner, String otherwise) {
        return inner == null ? otherwise : where + ": " + inner;
    }

    private static String count(int n) {
        return n + (n == 1 ? " parameter" : " parameters");
    }

    private static boolean sameDefined(DefinedType p, DefinedType r) {
        if (p instanceof DefinedType.Resource(ResourceType a) && r instanceof DefinedType.Resource(ResourceType b)) {
            return a == b;
        }
        if (p instanceof DefinedType.Value(ValType a) && r instanceof DefinedType.Value(ValType b)) {
            return same(a, b);
        }
        return p.equals(r);
    }

    private static String describe(DefinedType t) {
        return switch (t) {
            case DefinedType.Value v -> TypeText.of(v.type());
            case DefinedType.Resource r -> "resource " + r.type().name();
            default -> t.kind();
        };
    }

    /** The kind and type of an extern, for messages: {@code a function func() -> u64}. */
    public static String kind(ExternType t) {
        return switch (t) {
            case ExternType.Func(FuncType f) -> "a function " + TypeText.of(f);
            case ExternType.Instance i -> "an instance";
            case ExternType.Component c -> "a component";
            case ExternType.Type(DefinedType d) -> "type " + describe(d);
            case ExternType.CoreModule m -> "a core module";
            case ExternType.Value(ValType v) -> "a value of type " + TypeText.of(v);
        };
    }
}
