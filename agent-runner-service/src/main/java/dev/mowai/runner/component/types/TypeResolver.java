package dev.mowai.runner.component.types;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.Definition;
import dev.mowai.runner.component.binary.ExternDesc;
import dev.mowai.runner.component.binary.Sort;
import dev.mowai.runner.component.binary.TypeDefinition;
import dev.mowai.runner.component.binary.TypeDefinition.Declaration;
import dev.mowai.runner.component.binary.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the type indices of a parsed component into {@link ValType}s, {@link FuncType}s and
 * instance/component types, walking the definitions in order as the index spaces grow. Value types
 * deeper than {@link #MAX_DEPTH} or larger than {@link #MAX_NODES} (nodes plus label characters, counting shared subtrees
 * each time they occur) are refused, so later recursive passes (layout, flattening) stay bounded.
 */
public final class TypeResolver {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NODES = 100_000;

    private final ResourceBinder binder;
    /** depth and node count of every composite value type built here. */
    private final Map<ValType, long[]> metrics = new IdentityHashMap<>();
    /** Resources declared {@code (sub resource)} in instance types: bound afresh at each import. */
    private final Set<ResourceType> abstractResources = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private long offset;

    public TypeResolver(ResourceBinder binder) {
        this.binder = binder;
    }

    public static ResolvedComponent resolve(Component component) {
        return new TypeResolver(ResourceBinder.FRESH).resolveComponent(component);
    }

    public ResolvedComponent resolveComponent(Component component) {
        Scope scope = new Scope(null);
        try {
            walk(component, scope);
        } catch (IndexOutOfBoundsException e) {
            // the parser checked every index against the index space sizes, so this means a
            // definition's kind did not add what its index space expected
            throw error("reference to an index whose definition has no component-level type (" + e.getMessage() + ")");
        }
        return scope.resolved();
    }

    /** Index spaces of one component or one component/instance type declarator. */
    private static final class Scope {
        final Scope outer;
        final List<DefinedType> types = new ArrayList<>();
        final List<FuncType> funcs = new ArrayList<>();
        final List<InstanceType> instances = new ArrayList<>();
        final List<ComponentType> components = new ArrayList<>();
        final List<ValType> values = new ArrayList<>();
        final Map<String, ExternType> imports = new LinkedHashMap<>();
        final Map<String, ExternType> exports = new LinkedHashMap<>();
        final Set<String> importNames = new HashSet<>();
        final Set<String> exportNames = new HashSet<>();
        final List<ResolvedComponent> nested = new ArrayList<>();

        Scope(Scope outer) {
            this.outer = outer;
        }

        ResolvedComponent resolved() {
            return new ResolvedComponent(new ComponentType(imports, exports), types, funcs, instances, components, nested);
        }
    }

    private void walk(Component component, Scope s) {
        // names under which type indices are exported, to name the resources this component defines
        Map<Integer, String> exportedTypes = new java.util.HashMap<>();
        for (Definition d : component.definitions()) {
            if (d instanceof Definition.Export e && e.sort() == Sort.TYPE) {
                exportedTypes.putIfAbsent(e.index(), e.name());
            }
        }
        for (Definition d : component.definitions()) {
            offset = d.offset();
            switch (d) {
                case Definition.NestedComponent n -> {
                    Scope inner = new Scope(s);
                    long saved = offset;
                    walk(n.component(), inner);
                    offset = saved;
                    s.components.add(new ComponentType(inner.imports, inner.exports));
                    s.nested.add(inner.resolved());
                }
                case Definition.Instantiate i -> s.instances.add(new InstanceType(s.components.get(i.componentIndex()).exports()));
                case Definition.InlineInstance i -> {
                    Map<String, ExternType> exports = new LinkedHashMap<>();
                    Set<String> names = new HashSet<>();
                    for (Definition.Arg a : i.exports()) {
                        putUnique(exports, names, a.name(), item(s, a.sort(), a.index()), "instance export");
                    }
                    s.instances.add(new InstanceType(exports));
                }
                case Definition.AliasInstanceExport a -> {
                    InstanceType it = s.instances.get(a.instanceIndex());
                    ExternType e = it.exports().get(a.name());
                    if (e == null) {
                        throw error("instance " + a.instanceIndex() + " has no export '" + a.name() + "' (it exports "
                                + String.join(", ", Findings.bounded(List.copyOf(it.exports().keySet()), "exports")) + ")");
                    }
                    add(s, a.sort(), e, "alias of '" + a.name() + "'");
                }
                case Definition.AliasOuter a -> aliasOuter(s, a);
                case Definition.TypeDef t -> s.types.add(t.type() instanceof TypeDefinition.Resource
                        ? new DefinedType.Resource(new ResourceType(exportedTypes.getOrDefault(s.types.size(),
                                "resource#" + s.types.size())))
                        : define(t.type(), s));
                case Definition.CanonLift l -> s.funcs.add(funcType(s, l.typeIndex(), "canon lift"));
                case Definition.Import i -> {
                    ExternType e = bindImport(i.name(), externType(i.desc(), s));
                    putUnique(s.imports, s.importNames, i.name(), e, "import");
                    add(s, i.desc().sort(), e, "import '" + i.name() + "'");
                }
                case Definition.Export e -> {
                    ExternType t = item(s, e.sort(), e.index());
                    putUnique(s.exports, s.exportNames, e.name(), t, "export");
                    add(s, e.sort(), t, "export '" + e.name() + "'");
                }
                case Definition.Start st -> {
                    for (int r = 0; r < st.resultCount(); r++) {
                        s.values.add(s.funcs.get(st.funcIndex()).result()
                                .orElseThrow(() -> error("start function has no result")));
                    }
                }
                default -> { } // core definitions have no component-level type
            }
        }
    }

    private void aliasOuter(Scope s, Definition.AliasOuter a) {
        Scope target = s;
        for (int i = 0; i < a.outerCount(); i++) {
            target = target.outer;
        }
        switch (a.sort()) {
            case TYPE -> s.types.add(target.types.get(a.index()));
            case COMPONENT -> s.components.add(target.components.get(a.index()));
            default -> { } // core types/modules: no component-level type
        }
    }

    /** Adds a named extern; names are unique ignoring case (a hash set: linear in the number of names). */
    private void putUnique(Map<String, ExternType> map, Set<String> seen, String name, ExternType t, String what) {
        unique(seen, name, what);
        map.put(name, t);
    }

    /** The type of index {@code index} in the index space of {@code sort}. */
    private ExternType item(Scope s, Sort sort, int index) {
        return switch (sort) {
            case FUNC -> new ExternType.Func(s.funcs.get(index));
            case INSTANCE -> new ExternType.Instance(s.instances.get(index));
            case COMPONENT -> new ExternType.Component(s.components.get(index));
            case TYPE -> new ExternType.Type(s.types.get(index));
            case VALUE -> new ExternType.Value(s.values.get(index));
            case CORE_MODULE -> new ExternType.CoreModule();
            default -> throw error(sort + " cannot be exported from a component");
        };
    }

    /** Appends an imported/exported/aliased item to the index space of its sort. */
    private void add(Scope s, Sort sort, ExternType e, String what) {
        switch (sort) {
            case FUNC -> s.funcs.add(expect(e, ExternType.Func.class, what, "func").type());
            case INSTANCE -> s.instances.add(expect(e, ExternType.Instance.class, what, "instance").type());
            case COMPONENT -> s.components.add(expect(e, ExternType.Component.class, what, "component").type());
            case TYPE -> s.types.add(expect(e, ExternType.Type.class, what, "type").type());
            case VALUE -> s.values.add(expect(e, ExternType.Value.class, what, "value").type());
            default -> { } // core sorts
        }
    }

    private <T> T expect(ExternType e, Class<T> kind, String what, String expected) {
        if (!kind.isInstance(e)) {
            throw error(what + " is not a " + expected);
        }
        return kind.cast(e);
    }

    private FuncType funcType(Scope s, int typeIndex, String what) {
        DefinedType t = s.types.get(typeIndex);
        if (t instanceof DefinedType.Func f) {
            return f.type();
        }
        throw error(what + ": type " + typeIndex + " is a " + t.kind() + ", not a func type");
    }

    private ExternType externType(ExternDesc desc, Scope s) {
        return switch (desc) {
            case ExternDesc.CoreModuleDesc m -> new ExternType.CoreModule();
            case ExternDesc.FuncDesc f -> new ExternType.Func(funcType(s, f.typeIndex(), "func import/export"));
            case ExternDesc.ValueDesc v -> new ExternType.Value(v.isEqualToValue() ? s.values.get(v.valueIndex())
                    : valType(v.type(), s));
            case ExternDesc.TypeEq t -> new ExternType.Type(s.types.get(t.typeIndex()));
            case ExternDesc.TypeSubResource r -> new ExternType.Type(new DefinedType.Resource(new ResourceType("")));
            case ExternDesc.ComponentDesc c -> {
                if (!(s.types.get(c.typeIndex()) instanceof DefinedType.Component ct)) {
                    throw error("type " + c.typeIndex() + " is a " + s.types.get(c.typeIndex()).kind() + ", not a component type");
                }
                yield new ExternType.Component(ct.type());
            }
            case ExternDesc.InstanceDesc i -> {
                if (!(s.types.get(i.typeIndex()) instanceof DefinedType.Instance it)) {
                    throw error("type " + i.typeIndex() + " is a " + s.types.get(i.typeIndex()).kind() + ", not an instance type");
                }
                yield new ExternType.Instance(it.type());
            }
        };
    }

    /** Gives an import's abstract resources their identity (the host's, or fresh). */
    private ExternType bindImport(String importName, ExternType t) {
        if (t instanceof ExternType.Type(DefinedType.Resource r) && r.type().name().isEmpty()) {
            return new ExternType.Type(new DefinedType.Resource(binder.bind(importName, importName)));
        }
        if (t instanceof ExternType.Instance(InstanceType it)) {
            Map<ResourceType, ResourceType> subst = new IdentityHashMap<>();
            for (var e : it.exports().entrySet()) {
                // bind each abstract resource under the name that declared it; other names are aliases
                // of it ({@code type trailers = fields})
                if (e.getValue() instanceof ExternType.Type(DefinedType.Resource r) && abstractResources.contains(r.type())
                        && r.type().name().equals(e.getKey())) {
                    subst.putIfAbsent(r.type(), binder.bind(importName, e.getKey()));
                }
            }
            return subst.isEmpty() ? t : new ResourceSubstitution(subst).apply(t);
        }
        return t;
    }

    // ---- type definitions ----

    private DefinedType define(TypeDefinition def, Scope s) {
        return switch (def) {
            case TypeDefinition.Func f -> {
                List<FuncType.Param> params = new ArrayList<>();
                Set<String> names = new HashSet<>();
                for (TypeDefinition.Labeled p : f.params()) {
                    unique(names, p.label(), "parameter");
                    params.add(new FuncType.Param(p.label(), valType(p.type(), s)));
                }
                Optional<ValType> result = f.result().map(r -> valType(r, s));
                if (result.isPresent() && containsBorrow(result.get())) {
                    throw error("a function result cannot contain a borrow handle");
                }
                yield new DefinedType.Func(new FuncType(params, result));
            }
            case TypeDefinition.Resource r -> throw error("resource types cannot be defined inside a component or instance type");
            case TypeDefinition.InstanceType it -> {
                Scope inner = declarations(it.declarations(), s);
                yield new DefinedType.Instance(new InstanceType(inner.exports));
            }
            case TypeDefinition.ComponentType ct -> {
                Scope inner = declarations(ct.declarations(), s);
                yield new DefinedType.Component(new ComponentType(inner.imports, inner.exports));
            }
            default -> new DefinedType.Value(defValType(def, s));
        };
    }

    private Scope declarations(List<Declaration> decls, Scope outer) {
        Scope s = new Scope(outer);
        for (Declaration d : decls) {
            switch (d) {
                case Declaration.CoreTypeDecl c -> { }
                case Declaration.TypeDecl t -> s.types.add(define(t.type(), s));
                case Declaration.AliasDecl a -> {
                    switch (a.alias()) {
                        case Definition.AliasOuter o -> aliasOuter(s, o);
                        case Definition.AliasInstanceExport x -> {
                            ExternType e = s.instances.get(x.instanceIndex()).exports().get(x.name());
                            if (e == null) {
                                throw error("instance " + x.instanceIndex() + " has no export '" + x.name() + "'");
                            }
                            add(s, x.sort(), e, "alias of '" + x.name() + "'");
                        }
                        default -> throw error("only outer and instance-export aliases are allowed in type declarations");
                    }
                }
                case Declaration.ImportDecl i -> {
                    ExternType e = declared(i.name(), i.desc(), s);
                    putUnique(s.imports, s.importNames, i.name(), e, "import");
                    add(s, i.desc().sort(), e, "import '" + i.name() + "'");
                }
                case Declaration.ExportDecl x -> {
                    ExternType e = declared(x.name(), x.desc(), s);
                    putUnique(s.exports, s.exportNames, x.name(), e, "export");
                    add(s, x.desc().sort(), e, "export '" + x.name() + "'");
                }
            }
        }
        return s;
    }

    /** A declared import/export; {@code (sub resource)} declares an abstract resource named after it. */
    private ExternType declared(String name, ExternDesc desc, Scope s) {
        if (desc instanceof ExternDesc.TypeSubResource) {
            ResourceType r = new ResourceType(name);
            abstractResources.add(r);
            return new ExternType.Type(new DefinedType.Resource(r));
        }
        return externType(desc, s);
    }

    private ValType valType(TypeRef ref, Scope s) {
        return switch (ref) {
            case TypeRef.Prim p -> p.primitive();
            case TypeRef.Index i -> {
                DefinedType t = s.types.get(i.index());
                if (t instanceof DefinedType.Value v) {
                    yield v.type();
                }
                throw error("type " + i.index() + " is a " + t.kind() + ", where a value type is required");
            }
        };
    }

    private ValType defValType(TypeDefinition def, Scope s) {
        ValType t = switch (def) {
            case TypeDefinition.Primitive p -> p.primitive();
            case TypeDefinition.Record r -> {
                List<ValType.Field> fields = new ArrayList<>();
                Set<String> names = new HashSet<>();
                for (TypeDefinition.Labeled f : r.fields()) {
                    unique(names, f.label(), "record field");
                    fields.add(new ValType.Field(f.label(), valType(f.type(), s)));
                }
                yield new ValType.RecordType(fields);
            }
            case TypeDefinition.Variant v -> {
                List<ValType.Case> cases = new ArrayList<>();
                Set<String> names = new HashSet<>();
                for (TypeDefinition.Case c : v.cases()) {
                    unique(names, c.label(), "variant case");
                    cases.add(new ValType.Case(c.label(), c.type().map(x -> valType(x, s))));
                }
                yield new ValType.VariantType(cases);
            }
            case TypeDefinition.ListOf l -> new ValType.ListType(valType(l.element(), s));
            case TypeDefinition.Tuple tu -> new ValType.TupleType(tu.types().stream().map(x -> valType(x, s)).toList());
            case TypeDefinition.Flags f -> {
                Set<String> names = new HashSet<>();
                f.names().forEach(n -> unique(names, n, "flag"));
                if (f.names().size() > 32) {
                    throw error("flags with " + f.names().size() + " names (at most 32 are supported)");
                }
                yield new ValType.FlagsType(f.names());
            }
            case TypeDefinition.Enum e -> {
                Set<String> names = new HashSet<>();
                e.names().forEach(n -> unique(names, n, "enum case"));
                yield new ValType.EnumType(e.names());
            }
            case TypeDefinition.Option o -> new ValType.OptionType(valType(o.type(), s));
            case TypeDefinition.Result r -> new ValType.ResultType(r.ok().map(x -> valType(x, s)),
                    r.err().map(x -> valType(x, s)));
            case TypeDefinition.Own o -> new ValType.Own(resource(s, o.resourceTypeIndex()));
            case TypeDefinition.Borrow b -> new ValType.Borrow(resource(s, b.resourceTypeIndex()));
            default -> throw error("not a value type: " + def);
        };
        measure(t);
        return t;
    }

    private ResourceType resource(Scope s, int index) {
        DefinedType t = s.types.get(index);
        if (t instanceof DefinedType.Resource r) {
            return r.type();
        }
        throw error("handle to type " + index + ", which is a " + t.kind() + ", not a resource");
    }

    private void unique(Set<String> seen, String name, String what) {
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
            throw error("duplicate " + what + " name '" + name + "'");
        }
    }

    /**
     * Records depth and size of a freshly built value type from its (already measured) children. The
     * size counts every node and the characters of its labels (field and case names), each time a
     * shared subtree occurs: that is what walking or printing the type costs.
     */
    private void measure(ValType t) {
        long depth = 0;
        long nodes = 1 + labelChars(t);
        for (ValType child : children(t)) {
            long[] m = metrics.getOrDefault(child, new long[] {1, 1});
            depth = Math.max(depth, m[0]);
            nodes = Math.min(Long.MAX_VALUE / 2, nodes + m[1]);
        }
        depth++;
        if (depth > MAX_DEPTH) {
            throw error("value type nested " + depth + " levels deep (at most " + MAX_DEPTH + ")");
        }
        if (nodes > MAX_NODES) {
            throw error("value type of size " + nodes + " (nodes plus label characters, at most " + MAX_NODES + ")");
        }
        metrics.put(t, new long[] {depth, nodes});
    }

    private static long labelChars(ValType t) {
        return switch (t) {
            case ValType.RecordType r -> r.fields().stream().mapToLong(f -> f.name().length()).sum();
            case ValType.VariantType v -> v.cases().stream().mapToLong(c -> c.name().length()).sum();
            case ValType.EnumType e -> e.names().stream().mapToLong(String::length).sum();
            case ValType.FlagsType f -> f.names().stream().mapToLong(String::length).sum();
            default -> 0;
        };
    }

    static List<ValType> children(ValType t) {
        return switch (t) {
            case ValType.RecordType r -> r.fields().stream().map(ValType.Field::type).toList();
            case ValType.VariantType v -> v.cases().stream().flatMap(c -> c.type().stream()).toList();
            case ValType.ListType l -> List.of(l.element());
            case ValType.TupleType tu -> tu.types();
            case ValType.OptionType o -> List.of(o.type());
            case ValType.ResultType r -> java.util.stream.Stream.concat(r.ok().stream(), r.err().stream()).toList();
            default -> List.of();
        };
    }

    private static boolean containsBorrow(ValType t) {
        if (t instanceof ValType.Borrow) {
            return true;
        }
        for (ValType c : children(t)) {
            if (containsBorrow(c)) {
                return true;
            }
        }
        return false;
    }

    private TypeResolutionException error(String what) {
        return new TypeResolutionException(what, offset);
    }
}
