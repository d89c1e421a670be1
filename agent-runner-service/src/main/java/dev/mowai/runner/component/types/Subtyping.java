package dev.mowai.runner.component.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Import matching: does what is provided satisfy what a component imports? Function types must be
 * equal (parameter names and types, result); an instance must provide every export the import
 * declares, each matching; resources match by identity. Every mismatch is listed, with its path.
 */
public final class Subtyping {
    private Subtyping() {
    }

    /** The problems (empty when {@code provided} can be used where {@code required} is expected). */
    public static List<String> check(String path, ExternType provided, ExternType required) {
        List<String> problems = new ArrayList<>();
        check(path, provided, required, problems);
        return problems;
    }

    private static void check(String path, ExternType provided, ExternType required, List<String> problems) {
        switch (required) {
            case ExternType.Func(FuncType r) -> {
                if (!(provided instanceof ExternType.Func(FuncType p))) {
                    problems.add(path + ": expected a function, found " + kind(provided));
                } else if (!p.equals(r)) {
                    problems.add(path + ": expected " + TypeText.of(r) + ", found " + TypeText.of(p));
                }
            }
            case ExternType.Instance(InstanceType r) -> {
                if (!(provided instanceof ExternType.Instance(InstanceType p))) {
                    problems.add(path + ": expected an instance, found " + kind(provided));
                    return;
                }
                for (Map.Entry<String, ExternType> e : r.exports().entrySet()) {
                    ExternType got = p.exports().get(e.getKey());
                    if (got == null) {
                        problems.add(path + "#" + e.getKey() + ": not provided");
                    } else {
                        check(path + "#" + e.getKey(), got, e.getValue(), problems);
                    }
                }
            }
            case ExternType.Type(DefinedType r) -> {
                if (!(provided instanceof ExternType.Type(DefinedType p)) || !sameType(p, r)) {
                    problems.add(path + ": expected type " + describe(r) + ", found " + kind(provided));
                }
            }
            case ExternType.Value(ValType r) -> {
                if (!(provided instanceof ExternType.Value(ValType p)) || !p.equals(r)) {
                    problems.add(path + ": expected a value of type " + TypeText.of(r) + ", found " + kind(provided));
                }
            }
            case ExternType.Component c -> {
                if (!(provided instanceof ExternType.Component)) {
                    problems.add(path + ": expected a component, found " + kind(provided));
                }
            }
            case ExternType.CoreModule m -> {
                if (!(provided instanceof ExternType.CoreModule)) {
                    problems.add(path + ": expected a core module, found " + kind(provided));
                }
            }
        }
    }

    private static boolean sameType(DefinedType p, DefinedType r) {
        if (p instanceof DefinedType.Resource(ResourceType a) && r instanceof DefinedType.Resource(ResourceType b)) {
            return a == b;
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

    private static String kind(ExternType t) {
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
