package dev.mowai.runner.component.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader of WIT package files, for tests only: enough of the grammar to read the WASI 0.2
 * packages (interfaces, use, type aliases, records, variants, enums, flags, resources, functions,
 * feature gates) and to print every function signature in a canonical form that
 * {@link WitPrinter} also produces from our Java {@code FuncType}s. Worlds are skipped.
 */
final class WitModel {

    /** name → canonical signature, per interface ({@code wasi:io/streams}); unstable items excluded. */
    final Map<String, Map<String, String>> functions = new LinkedHashMap<>();

    private final Map<String, Map<String, Def>> scopes = new HashMap<>();
    private final List<PendingInterface> pending = new ArrayList<>();

    sealed interface Def {}

    record Alias(String iface, Type type) implements Def {}

    record Resource(String name) implements Def {}

    record UseRef(String iface, String name) implements Def {}

    record Record(List<String> names, List<Type> types) implements Def {}

    record Variant(List<String> names, List<Type> types) implements Def {} // null type: no payload

    record Enum(List<String> names) implements Def {}

    record Flags(List<String> names) implements Def {}

    /** A type expression, unresolved: a name with generic arguments. */
    record Type(String name, List<Type> args) {}

    record Func(String name, List<String> paramNames, List<Type> paramTypes, Type result) {}

    private record PendingInterface(String qualified, List<Func> funcs) {}

    static WitModel read(List<Path> files) throws IOException {
        WitModel m = new WitModel();
        for (Path f : files) {
            m.parseFile(Files.readString(f));
        }
        for (PendingInterface p : m.pending) {
            Map<String, String> sigs = new LinkedHashMap<>();
            for (Func fn : p.funcs) {
                StringBuilder sb = new StringBuilder("(");
                for (int i = 0; i < fn.paramNames.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(fn.paramNames.get(i)).append(": ").append(m.print(p.qualified, fn.paramTypes.get(i)));
                }
                sb.append(")");
                if (fn.result != null) sb.append(" -> ").append(m.print(p.qualified, fn.result));
                sigs.put(fn.name, sb.toString());
            }
            m.functions.put(p.qualified, sigs);
        }
        return m;
    }

    // ---------------------------------------------------------------- printing (resolution)

    private String print(String iface, Type t) {
        switch (t.name) {
            case "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char", "string":
                return t.name;
            case "list":
                return "list<" + print(iface, t.args.get(0)) + ">";
            case "option":
                return "option<" + print(iface, t.args.get(0)) + ">";
            case "result":
                String ok = t.args.isEmpty() || t.args.get(0) == null ? "_" : print(iface, t.args.get(0));
                String err = t.args.size() < 2 ? "_" : print(iface, t.args.get(1));
                return "result<" + ok + ", " + err + ">";
            case "tuple":
                return "tuple<" + String.join(", ", t.args.stream().map(a -> print(iface, a)).toList()) + ">";
            case "borrow":
                return "borrow<" + resourceName(iface, t.args.get(0).name) + ">";
            case "own":
                return "own<" + resourceName(iface, t.args.get(0).name) + ">";
            default:
                return printNamed(iface, t.name);
        }
    }

    private String printNamed(String iface, String name) {
        Def d = lookup(iface, name);
        return switch (d) {
            case UseRef u -> printNamed(u.iface, u.name);
            case Alias a -> print(a.iface, a.type);
            case Resource r -> "own<" + r.name + ">";
            case Record r -> {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < r.names.size(); i++) parts.add(r.names.get(i) + ": " + print(iface, r.types.get(i)));
                yield "record{" + String.join(", ", parts) + "}";
            }
            case Variant v -> {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < v.names.size(); i++) {
                    parts.add(v.types.get(i) == null ? v.names.get(i) : v.names.get(i) + "(" + print(iface, v.types.get(i)) + ")");
                }
                yield "variant{" + String.join(", ", parts) + "}";
            }
            case Enum e -> "enum{" + String.join(", ", e.names) + "}";
            case Flags f -> "flags{" + String.join(", ", f.names) + "}";
        };
    }

    private String resourceName(String iface, String name) {
        Def d = lookup(iface, name);
        while (d instanceof UseRef u) {
            iface = u.iface;
            d = lookup(u.iface, u.name);
        }
        if (d instanceof Alias a && a.type.args.isEmpty()) {
            return resourceName(a.iface, a.type.name);
        }
        if (d instanceof Resource r) return r.name;
        throw new IllegalStateException(name + " in " + iface + " is not a resource: " + d);
    }

    private Def lookup(String iface, String name) {
        Map<String, Def> scope = scopes.get(iface);
        if (scope == null || !scope.containsKey(name)) {
            throw new IllegalStateException("unknown type " + name + " in " + iface);
        }
        return scope.get(name);
    }

    // ---------------------------------------------------------------- parsing

    private List<String> tokens;
    private int pos;
    private String pkg;

    private void parseFile(String text) {
        tokens = tokenize(text);
        pos = 0;
        while (pos < tokens.size()) {
            boolean unstable = gates();
            String kw = next();
            switch (kw) {
                case "package" -> {
                    StringBuilder sb = new StringBuilder();
                    while (!peek().equals(";")) sb.append(next());
                    next();
                    String p = sb.toString();
                    pkg = p.contains("@") ? p.substring(0, p.indexOf('@')) : p;
                }
                case "interface" -> parseInterface(next(), unstable);
                case "world" -> {
                    next();
                    skipBlock();
                }
                default -> throw new IllegalStateException("unexpected " + kw + " at top level");
            }
        }
    }

    /** Reads {@code @since(...)}/{@code @unstable(...)} gates; true when one is unstable. */
    private boolean gates() {
        boolean unstable = false;
        while (peek().equals("@")) {
            next();
            String g = next();
            unstable |= g.equals("unstable");
            expect("(");
            while (!next().equals(")")) {
                // skip gate arguments
            }
        }
        return unstable;
    }

    /**
     * The body of a record ({@code name: type}, …) or a variant ({@code name(type)} or {@code name}, …):
     * appends each member's name and type (null for a variant case without one).
     */
    private void members(List<String> names, List<Type> types, boolean record) {
        expect("{");
        while (!peek().equals("}")) {
            gates();
            names.add(next());
            if (record) {
                expect(":");
                types.add(type());
            } else if (peek().equals("(")) {
                next();
                types.add(type());
                expect(")");
            } else {
                types.add(null);
            }
            if (peek().equals(",")) next();
        }
        next();
    }

    private void parseInterface(String name, boolean unstableInterface) {
        String q = pkg + "/" + name;
        Map<String, Def> scope = scopes.computeIfAbsent(q, k -> new HashMap<>());
        List<Func> funcs = new ArrayList<>();
        expect("{");
        while (!peek().equals("}")) {
            boolean unstable = gates();
            String kw = next();
            switch (kw) {
                case "use" -> parseUse(scope);
                case "type" -> {
                    String n = next();
                    expect("=");
                    scope.put(n, new Alias(q, type()));
                    expect(";");
                }
                case "record" -> {
                    String n = next();
                    List<String> names = new ArrayList<>();
                    List<Type> types = new ArrayList<>();
                    members(names, types, true);
                    scope.put(n, new Record(names, types));
                }
                case "variant" -> {
                    String n = next();
                    List<String> names = new ArrayList<>();
                    List<Type> types = new ArrayList<>();
                    members(names, types, false);
                    scope.put(n, new Variant(names, types));
                }
                case "enum", "flags" -> {
                    String n = next();
                    List<String> names = new ArrayList<>();
                    expect("{");
                    while (!peek().equals("}")) {
                        gates();
                        names.add(next());
                        if (peek().equals(",")) next();
                    }
                    next();
                    scope.put(n, kw.equals("enum") ? new Enum(names) : new Flags(names));
                }
                case "resource" -> {
                    String r = next();
                    scope.put(r, new Resource(r));
                    if (peek().equals(";")) {
                        next();
                    } else {
                        expect("{");
                        while (!peek().equals("}")) {
                            boolean memberUnstable = gates();
                            String member = next();
                            Func f;
                            if (member.equals("constructor")) {
                                f = signature("[constructor]" + r, null, false);
                                f = new Func(f.name, f.paramNames, f.paramTypes, new Type("own", List.of(new Type(r, List.of()))));
                            } else {
                                expect(":");
                                boolean isStatic = peek().equals("static");
                                if (isStatic) next();
                                expect("func");
                                f = signature((isStatic ? "[static]" : "[method]") + r + "." + member,
                                        isStatic ? null : r, true);
                            }
                            expect(";");
                            if (!memberUnstable && !unstable && !unstableInterface) funcs.add(f);
                        }
                        next();
                    }
                }
                default -> {
                    expect(":");
                    expect("func");
                    Func f = signature(kw, null, true);
                    expect(";");
                    if (!unstable && !unstableInterface) funcs.add(f);
                }
            }
        }
        next();
        if (!unstableInterface) pending.add(new PendingInterface(q, funcs));
    }

    private Func signature(String name, String selfResource, boolean allowResult) {
        List<String> names = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        if (selfResource != null) {
            names.add("self");
            types.add(new Type("borrow", List.of(new Type(selfResource, List.of()))));
        }
        expect("(");
        while (!peek().equals(")")) {
            names.add(next());
            expect(":");
            types.add(type());
            if (peek().equals(",")) next();
        }
        next();
        Type result = null;
        if (allowResult && peek().equals("->")) {
            next();
            result = type();
        }
        return new Func(name, names, types, result);
    }

    private void parseUse(Map<String, Def> scope) {
        StringBuilder path = new StringBuilder();
        while (!peek().equals(".") || !tokens.get(pos + 1).equals("{")) path.append(next());
        next();
        String p = path.toString();
        if (p.contains("@")) p = p.substring(0, p.indexOf('@'));
        String from = p.contains(":") ? p : pkg + "/" + p;
        expect("{");
        while (!peek().equals("}")) {
            String n = next();
            String as = n;
            if (peek().equals("as")) {
                next();
                as = next();
            }
            scope.put(as, new UseRef(from, n));
            if (peek().equals(",")) next();
        }
        next();
        expect(";");
    }

    private Type type() {
        String n = next();
        List<Type> args = new ArrayList<>();
        if (peek().equals("<")) {
            next();
            while (!peek().equals(">")) {
                if (peek().equals("_")) {
                    next();
                    args.add(null);
                } else {
                    args.add(type());
                }
                if (peek().equals(",")) next();
            }
            next();
        }
        return new Type(n, args);
    }

    private void skipBlock() {
        expect("{");
        int depth = 1;
        while (depth > 0) {
            String t = next();
            if (t.equals("{")) depth++;
            if (t.equals("}")) depth--;
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private String next() {
        return tokens.get(pos++);
    }

    private void expect(String t) {
        String got = next();
        if (!got.equals(t)) throw new IllegalStateException("expected " + t + " but got " + got + " at token " + pos);
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (s.startsWith("/*", i)) {
                i = s.indexOf("*/", i) + 2;
            } else if (s.startsWith("->", i)) {
                out.add("->");
                i += 2;
            } else if (Character.isLetterOrDigit(c) || c == '%' || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '-'
                        || s.charAt(j) == '%' || s.charAt(j) == '_' || (s.charAt(j) == '.' && j > i
                        && Character.isDigit(s.charAt(j - 1)) && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1))))) {
                    j++;
                }
                String word = s.substring(i, j);
                out.add(word.startsWith("%") ? word.substring(1) : word);
                i = j;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}
