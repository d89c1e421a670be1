package dev.mowai.runner.component.types;

import java.util.List;
import java.util.Locale;

/**
 * WIT-like text of types for messages and reports: {@code func(prompt: string) -> string}. The text
 * is cut at {@link #MAX_CHARS} characters (ending in {@code …}) and rendering stops there: a small
 * component can declare types whose full text would be gigabytes (shared subtrees, long labels).
 */
public final class TypeText {
    /** Longest type text produced, not counting the final {@code …}. */
    public static final int MAX_CHARS = 400;

    private TypeText() {
    }

    public static String of(FuncType f) {
        return render(out -> func(f, out));
    }

    public static String of(ValType t) {
        return render(out -> val(t, out));
    }

    private static String render(java.util.function.Consumer<Out> body) {
        Out out = new Out();
        try {
            body.accept(out);
        } catch (Full full) {
            out.sb.setLength(MAX_CHARS);
            out.sb.append('…');
        }
        return out.sb.toString();
    }

    /** Thrown once the text is long enough: unwinds the recursion without building the rest. */
    private static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    private static final class Out {
        final StringBuilder sb = new StringBuilder();

        Out add(String s) {
            // never more than one character past the cut, however long a label is
            sb.append(s, 0, Math.min(s.length(), MAX_CHARS + 1 - sb.length()));
            if (sb.length() > MAX_CHARS) {
                throw new Full();
            }
            return this;
        }
    }

    private static void func(FuncType f, Out out) {
        out.add("func(");
        List<FuncType.Param> params = f.params();
        for (int i = 0; i < params.size(); i++) {
            out.add(i == 0 ? "" : ", ").add(params.get(i).name()).add(": ");
            val(params.get(i).type(), out);
        }
        out.add(")");
        if (f.result().isPresent()) {
            out.add(" -> ");
            val(f.result().get(), out);
        }
    }

    private static void val(ValType t, Out out) {
        switch (t) {
            case ValType.Primitive p -> out.add(p.name().toLowerCase(Locale.ROOT));
            case ValType.RecordType r -> {
                out.add("record { ");
                for (int i = 0; i < r.fields().size(); i++) {
                    out.add(i == 0 ? "" : ", ").add(r.fields().get(i).name()).add(": ");
                    val(r.fields().get(i).type(), out);
                }
                out.add(" }");
            }
            case ValType.VariantType v -> {
                out.add("variant { ");
                for (int i = 0; i < v.cases().size(); i++) {
                    ValType.Case c = v.cases().get(i);
                    out.add(i == 0 ? "" : ", ").add(c.name());
                    if (c.type().isPresent()) {
                        out.add("(");
                        val(c.type().get(), out);
                        out.add(")");
                    }
                }
                out.add(" }");
            }
            case ValType.ListType l -> generic("list", List.of(l.element()), out);
            case ValType.TupleType tu -> generic("tuple", tu.types(), out);
            case ValType.EnumType e -> names("enum", e.names(), out);
            case ValType.FlagsType f -> names("flags", f.names(), out);
            case ValType.OptionType o -> generic("option", List.of(o.type()), out);
            case ValType.ResultType r -> {
                if (r.ok().isEmpty() && r.err().isEmpty()) {
                    out.add("result");
                } else {
                    out.add("result<");
                    if (r.ok().isPresent()) {
                        val(r.ok().get(), out);
                    } else {
                        out.add("_");
                    }
                    if (r.err().isPresent()) {
                        out.add(", ");
                        val(r.err().get(), out);
                    }
                    out.add(">");
                }
            }
            case ValType.Own o -> out.add(o.resource().name());
            case ValType.Borrow b -> out.add("borrow<").add(b.resource().name()).add(">");
        }
    }

    private static void generic(String name, List<ValType> args, Out out) {
        out.add(name).add("<");
        for (int i = 0; i < args.size(); i++) {
            out.add(i == 0 ? "" : ", ");
            val(args.get(i), out);
        }
        out.add(">");
    }

    private static void names(String kind, List<String> names, Out out) {
        out.add(kind).add(" { ");
        for (int i = 0; i < names.size(); i++) {
            out.add(i == 0 ? "" : ", ").add(names.get(i));
        }
        out.add(" }");
    }
}
