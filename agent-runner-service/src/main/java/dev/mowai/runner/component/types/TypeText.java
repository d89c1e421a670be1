package dev.mowai.runner.component.types;

import java.util.stream.Collectors;

/** WIT-like text of types for messages and reports: {@code func(prompt: string) -> string}. */
public final class TypeText {
    private TypeText() {
    }

    public static String of(FuncType f) {
        String params = f.params().stream().map(p -> p.name() + ": " + of(p.type())).collect(Collectors.joining(", "));
        return "func(" + params + ")" + f.result().map(r -> " -> " + of(r)).orElse("");
    }

    public static String of(ValType t) {
        return switch (t) {
            case ValType.Primitive p -> switch (p) {
                case F32 -> "f32";
                case F64 -> "f64";
                default -> p.name().toLowerCase(java.util.Locale.ROOT);
            };
            case ValType.RecordType r -> "record { " + r.fields().stream().map(f -> f.name() + ": " + of(f.type()))
                    .collect(Collectors.joining(", ")) + " }";
            case ValType.VariantType v -> "variant { " + v.cases().stream()
                    .map(c -> c.name() + c.type().map(x -> "(" + of(x) + ")").orElse(""))
                    .collect(Collectors.joining(", ")) + " }";
            case ValType.ListType l -> "list<" + of(l.element()) + ">";
            case ValType.TupleType tu -> "tuple<" + tu.types().stream().map(TypeText::of)
                    .collect(Collectors.joining(", ")) + ">";
            case ValType.EnumType e -> "enum { " + String.join(", ", e.names()) + " }";
            case ValType.FlagsType f -> "flags { " + String.join(", ", f.names()) + " }";
            case ValType.OptionType o -> "option<" + of(o.type()) + ">";
            case ValType.ResultType r -> r.ok().isEmpty() && r.err().isEmpty() ? "result"
                    : "result<" + r.ok().map(TypeText::of).orElse("_")
                    + r.err().map(e -> ", " + of(e)).orElse("") + ">";
            case ValType.Own o -> o.resource().name();
            case ValType.Borrow b -> "borrow<" + b.resource().name() + ">";
        };
    }
}
