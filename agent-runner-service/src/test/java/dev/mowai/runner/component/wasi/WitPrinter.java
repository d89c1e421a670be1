package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.List;

/** Prints our Java types in the canonical form {@link WitModel} uses for the real WIT. */
final class WitPrinter {
    private WitPrinter() {
    }

    static String print(FuncType f) {
        List<String> params = new ArrayList<>();
        for (FuncType.Param p : f.params()) params.add(p.name() + ": " + print(p.type()));
        return "(" + String.join(", ", params) + ")" + f.result().map(r -> " -> " + print(r)).orElse("");
    }

    static String print(ValType t) {
        return switch (t) {
            case ValType.Primitive p -> p.name().toLowerCase();
            case ValType.ListType l -> "list<" + print(l.element()) + ">";
            case ValType.OptionType o -> "option<" + print(o.type()) + ">";
            case ValType.ResultType r -> "result<" + r.ok().map(WitPrinter::print).orElse("_") + ", "
                    + r.err().map(WitPrinter::print).orElse("_") + ">";
            case ValType.TupleType tt -> "tuple<" + String.join(", ", tt.types().stream().map(WitPrinter::print).toList()) + ">";
            case ValType.RecordType r -> "record{" + String.join(", ",
                    r.fields().stream().map(f -> f.name() + ": " + print(f.type())).toList()) + "}";
            case ValType.VariantType v -> "variant{" + String.join(", ", v.cases().stream()
                    .map(c -> c.type().map(x -> c.name() + "(" + print(x) + ")").orElse(c.name())).toList()) + "}";
            case ValType.EnumType e -> "enum{" + String.join(", ", e.names()) + "}";
            case ValType.FlagsType f -> "flags{" + String.join(", ", f.names()) + "}";
            case ValType.Own o -> "own<" + o.resource().name() + ">";
            case ValType.Borrow b -> "borrow<" + b.resource().name() + ">";
        };
    }
}
