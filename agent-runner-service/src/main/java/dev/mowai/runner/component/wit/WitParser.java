package dev.mowai.runner.component.wit;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the subset of WIT that {@code wit/agent.wit} uses, so the runtime takes the agent world
 * from that file itself: one {@code package}, one {@code world} whose items are named value types
 * ({@code record}, {@code enum}, {@code flags}, {@code variant}, {@code type x = …}) and
 * {@code import}/{@code export} of functions over primitives, {@code list}, {@code option},
 * {@code tuple}, {@code result} and those named types. Comments are skipped. Anything else
 * (interfaces, resources, {@code use}, {@code include}) is refused with its line: the host could
 * not implement it anyway.
 */
public final class WitParser {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|//[^\\n]*|/\\*(?s:.*?)\\*/|(->|%?[A-Za-z0-9][A-Za-z0-9.-]*|[{}()<>,:;=@/_*])");
    private static final Map<String, ValType.Primitive> PRIMITIVES = primitives();

    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private int pos;

    /** A named type as written, resolved once every name is known (WIT allows use before declaration). */
    private sealed interface Decl {
        record Record(List<String> names, List<Ref> types) implements Decl {}

        record Variant(List<String> names, List<Optional<Ref>> payloads) implements Decl {}

        record Enum(List<String> names) implements Decl {}

        record Flags(List<String> names) implements Decl {}

        record Alias(Ref target) implements Decl {}
    }

    /** A type expression as written. */
    private sealed interface Ref {
        record Prim(ValType.Primitive p) implements Ref {}

        record Named(String name, int line) implements Ref {}

        record Generic(String kind, List<Optional<Ref>> args, int line) implements Ref {}
    }

    private record Func(List<String> names, List<Ref> params, Optional<Ref> result) {}

    private WitParser(String text) {
        Matcher m = TOKEN.matcher(text);
        int line = 1;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new WitSyntaxException(line, "unexpected character '" + text.charAt(at) + "'");
            }
            if (m.group(1) != null) {
                tokens.add(m.group(1));
                lines.add(line);
            }
            line += (int) m.group().chars().filter(c -> c == '\n').count();
            at = m.end();
        }
    }

    /** Reads a WIT file holding one package and one world. */
    public static WitWorld parse(String text) {
        return new WitParser(text).file();
    }

    private WitWorld file() {
        expect("package");
        StringBuilder pkg = new StringBuilder(id()).append(expect(":")).append(id());
        if (peek("@")) {
            pkg.append(expect("@")).append(id());
        }
        expect(";");
        expect("world");
        String world = id();
        expect("{");
        Map<String, Decl> decls = new LinkedHashMap<>();
        Map<String, Func> imports = new LinkedHashMap<>();
        Map<String, Func> exports = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        while (!peek("}")) {
            int line = line();
            String keyword = next();
            String name = id();
            if (!names.add(name)) {
                throw new WitSyntaxException(line, "'" + name + "' is declared twice");
            }
            switch (keyword) {
                case "record" -> decls.put(name, record());
                case "variant" -> decls.put(name, variant());
                case "enum" -> decls.put(name, new Decl.Enum(caseNames()));
                case "flags" -> decls.put(name, new Decl.Flags(caseNames()));
                case "type" -> {
                    expect("=");
                    decls.put(name, new Decl.Alias(type()));
                    expect(";");
                }
                case "import", "export" -> {
                    expect(":");
                    (keyword.equals("import") ? imports : exports).put(name, func());
                    expect(";");
                }
                default -> throw new WitSyntaxException(line, "'" + keyword + "' is not supported in agent-world "
                        + "(only record, variant, enum, flags, type, and import/export of functions)");
            }
        }
        expect("}");
        if (pos < tokens.size()) {
            throw new WitSyntaxException(line(), "only one world per file; found '" + tokens.get(pos) + "' after it");
        }
        Resolver r = new Resolver(decls);
        Map<String, ValType> types = new LinkedHashMap<>();
        decls.keySet().forEach(n -> types.put(n, r.named(n, lines.getLast())));
        Map<String, FuncType> in = new LinkedHashMap<>();
        imports.forEach((n, f) -> in.put(n, r.func(f)));
        Map<String, FuncType> out = new LinkedHashMap<>();
        exports.forEach((n, f) -> out.put(n, r.func(f)));
        return new WitWorld(pkg.toString(), world, types, in, out);
    }

    private Decl record() {
        expect("{");
        List<String> names = new ArrayList<>();
        List<Ref> types = new ArrayList<>();
        labeled("}", names, types);
        return new Decl.Record(names, types);
    }

    /** {@code name: type, …} up to and including {@code close} (record fields, parameters). */
    private void labeled(String close, List<String> names, List<Ref> types) {
        while (!peek(close)) {
            names.add(id());
            expect(":");
            types.add(type());
            if (!peek(close)) {
                expect(",");
            }
        }
        expect(close);
    }

    private Decl variant() {
        expect("{");
        List<String> names = new ArrayList<>();
        List<Optional<Ref>> payloads = new ArrayList<>();
        while (!peek("}")) {
            names.add(id());
            if (peek("(")) {
                expect("(");
                payloads.add(Optional.of(type()));
                expect(")");
            } else {
                payloads.add(Optional.empty());
            }
            if (!peek("}")) {
                expect(",");
            }
        }
        expect("}");
        return new Decl.Variant(names, payloads);
    }

    private List<String> caseNames() {
        expect("{");
        List<String> names = new ArrayList<>();
        while (!peek("}")) {
            names.add(id());
            if (!peek("}")) {
                expect(",");
            }
        }
        expect("}");
        return names;
    }

    private Func func() {
        expect("func");
        expect("(");
        List<String> names = new ArrayList<>();
        List<Ref> params = new ArrayList<>();
        labeled(")", names, params);
        Optional<Ref> result = Optional.empty();
        if (peek("->")) {
            expect("->");
            result = Optional.of(type());
        }
        return new Func(names, params, result);
    }

    private Ref type() {
        int line = line();
        String word = id();
        ValType.Primitive p = PRIMITIVES.get(word);
        if (p != null) {
            return new Ref.Prim(p);
        }
        return switch (word) {
            case "list", "option" -> {
                expect("<");
                Ref element = type();
                expect(">");
                yield new Ref.Generic(word, List.of(Optional.of(element)), line);
            }
            case "tuple" -> {
                expect("<");
                List<Optional<Ref>> args = new ArrayList<>();
                do {
                    if (!args.isEmpty()) {
                        expect(",");
                    }
                    args.add(Optional.of(type()));
                } while (peek(","));
                expect(">");
                yield new Ref.Generic(word, args, line);
            }
            case "result" -> {
                List<Optional<Ref>> args = new ArrayList<>(List.of(Optional.empty(), Optional.empty()));
                if (peek("<")) {
                    expect("<");
                    if (peek("_")) {
                        expect("_");
                    } else {
                        args.set(0, Optional.of(type()));
                    }
                    if (peek(",")) {
                        expect(",");
                        args.set(1, Optional.of(type()));
                    }
                    expect(">");
                }
                yield new Ref.Generic(word, args, line);
            }
            case "own", "borrow", "future", "stream", "error-context" ->
                    throw new WitSyntaxException(line, "'" + word + "' types are not supported in agent-world");
            default -> new Ref.Named(word, line);
        };
    }

    /** Turns the written types into {@link ValType}s, refusing unknown names and cycles. */
    private static final class Resolver {
        private final Map<String, Decl> decls;
        private final Map<String, ValType> done = new LinkedHashMap<>();
        private final Set<String> resolving = new HashSet<>();

        Resolver(Map<String, Decl> decls) {
            this.decls = decls;
        }

        FuncType func(Func f) {
            List<FuncType.Param> params = new ArrayList<>();
            for (int i = 0; i < f.names().size(); i++) {
                params.add(new FuncType.Param(f.names().get(i), val(f.params().get(i))));
            }
            return new FuncType(params, f.result().map(this::val));
        }

        ValType named(String name, int line) {
            ValType known = done.get(name);
            if (known != null) {
                return known;
            }
            Decl d = decls.get(name);
            if (d == null) {
                throw new WitSyntaxException(line, "unknown type '" + name + "'");
            }
            if (!resolving.add(name)) {
                throw new WitSyntaxException(line, "type '" + name + "' refers to itself");
            }
            ValType t = switch (d) {
                case Decl.Record r -> {
                    List<ValType.Field> fields = new ArrayList<>();
                    for (int i = 0; i < r.names().size(); i++) {
                        fields.add(new ValType.Field(r.names().get(i), val(r.types().get(i))));
                    }
                    yield new ValType.RecordType(fields);
                }
                case Decl.Variant v -> {
                    List<ValType.Case> cases = new ArrayList<>();
                    for (int i = 0; i < v.names().size(); i++) {
                        cases.add(new ValType.Case(v.names().get(i), v.payloads().get(i).map(this::val)));
                    }
                    yield new ValType.VariantType(cases);
                }
                case Decl.Enum e -> new ValType.EnumType(e.names());
                case Decl.Flags f -> new ValType.FlagsType(f.names());
                case Decl.Alias a -> val(a.target());
            };
            resolving.remove(name);
            done.put(name, t);
            return t;
        }

        ValType val(Ref ref) {
            return switch (ref) {
                case Ref.Prim p -> p.p();
                case Ref.Named n -> named(n.name(), n.line());
                case Ref.Generic g -> switch (g.kind()) {
                    case "list" -> new ValType.ListType(val(g.args().getFirst().orElseThrow()));
                    case "option" -> new ValType.OptionType(val(g.args().getFirst().orElseThrow()));
                    case "tuple" -> new ValType.TupleType(g.args().stream().map(a -> val(a.orElseThrow())).toList());
                    default -> new ValType.ResultType(g.args().get(0).map(this::val), g.args().get(1).map(this::val));
                };
            };
        }
    }

    private String id() {
        int line = line();
        String t = next();
        if (!Character.isLetterOrDigit(t.charAt(0)) && t.charAt(0) != '%') {
            throw new WitSyntaxException(line, "expected a name, found '" + t + "'");
        }
        return t.startsWith("%") ? t.substring(1) : t;
    }

    private String expect(String token) {
        int line = line();
        String t = next();
        if (!t.equals(token)) {
            throw new WitSyntaxException(line, "expected '" + token + "', found '" + t + "'");
        }
        return t;
    }

    private boolean peek(String token) {
        return pos < tokens.size() && tokens.get(pos).equals(token);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new WitSyntaxException(line(), "unexpected end of file");
        }
        return tokens.get(pos++);
    }

    private int line() {
        return lines.isEmpty() ? 1 : lines.get(Math.min(pos, lines.size() - 1));
    }

    private static Map<String, ValType.Primitive> primitives() {
        Map<String, ValType.Primitive> m = new LinkedHashMap<>();
        for (ValType.Primitive p : ValType.Primitive.values()) {
            m.put(p.name().toLowerCase(java.util.Locale.ROOT), p);
        }
        return Map.copyOf(m);
    }
}
