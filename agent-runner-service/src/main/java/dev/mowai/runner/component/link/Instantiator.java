package dev.mowai.runner.component.link;

import dev.mowai.runner.component.abi.CanonOptions;
import dev.mowai.runner.component.abi.CanonicalAbi;
import dev.mowai.runner.component.abi.CoreType;
import dev.mowai.runner.component.abi.Flattening;
import dev.mowai.runner.component.abi.GuestMemory;
import dev.mowai.runner.component.abi.HandleTables;
import dev.mowai.runner.component.abi.Realloc;
import dev.mowai.runner.component.abi.StringEncoding;
import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.Definition;
import dev.mowai.runner.component.binary.Sort;
import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.host.ResolvedImport;
import dev.mowai.runner.component.host.TypedHostFunction;
import dev.mowai.runner.component.types.DefinedType;
import dev.mowai.runner.component.types.ExternType;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.InstanceType;
import dev.mowai.runner.component.types.ResolvedComponent;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Carries out a component's definitions in order on GraalWasm, keeping each index space as a list:
 * core modules and instances, core funcs/tables/memories/globals, component funcs and instances.
 * Everything (which memory, which realloc, which instance feeds which import) comes from the
 * component's own definitions; no core export name is ever guessed.
 */
final class Instantiator {
    private final Component component;
    private final HostLinker host;
    private final Context context;
    private final ComponentInstance instance;
    private final ModuleCache modules;
    private final MemoryPlan plan;
    private final RuntimeLimits limits;
    private final HandleTables tables;
    private final ResolvedComponent types;

    private final List<Source> coreModules = new ArrayList<>();
    private final List<CoreInstance> coreInstances = new ArrayList<>();
    private final List<Object> coreFuncs = new ArrayList<>();
    private final List<Value> coreTables = new ArrayList<>();
    private final List<Value> coreMemories = new ArrayList<>();
    private final List<Value> coreGlobals = new ArrayList<>();
    private final List<ComponentFunc> funcs = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<Integer> components = new ArrayList<>();
    private final List<Component> nestedComponents = new ArrayList<>();
    private int typeCount;
    /** For a nested component: its instantiation arguments by import name (null at the top level). */
    private final Map<String, Object> args;
    /** For a nested component: what it exports, which becomes an instance of its parent. */
    private final Map<String, Object> exported = new LinkedHashMap<>();

    /** A core instance: instantiated by GraalWasm, or a bundle of existing core definitions. */
    private sealed interface CoreInstance {
        record Wasm(Value exports) implements CoreInstance {}

        record Bundle(Map<String, Object> exports) implements CoreInstance {}
    }

    /** A component instance: imported from the host, or a bundle of this component's definitions. */
    private sealed interface Instance {
        record Host(ResolvedImport.Instance resolved, InstanceType type) implements Instance {}

        record Bundle(Map<String, Object> exports) implements Instance {}
    }

    /** A prepared component (types resolved and imports checked against a host like {@code host}). */
    Instantiator(PreparedComponent prepared, HostLinker host, Context context, ComponentInstance instance,
                 ModuleCache modules, MemoryPlan plan, RuntimeLimits limits) {
        this.component = prepared.component();
        this.types = prepared.types();
        this.host = host;
        this.context = context;
        this.instance = instance;
        this.modules = modules;
        this.plan = plan;
        this.limits = limits;
        this.tables = instance.tables();
        this.args = null;
    }

    /** A nested component instantiated by {@code parent} with {@code args}. */
    private Instantiator(Instantiator parent, Component component, ResolvedComponent types, Map<String, Object> args) {
        this.component = component;
        this.host = parent.host;
        this.context = parent.context;
        this.instance = parent.instance;
        this.modules = parent.modules;
        this.plan = parent.plan;
        this.limits = parent.limits;
        this.tables = parent.tables;
        this.types = types;
        this.args = args;
    }

    void run() {
        instance.guarded(ComponentInstance.INSTANTIATION, () -> {
            for (Definition d : component.definitions()) {
                try {
                    define(d);
                } catch (LinkException | Trap | PolyglotException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new LinkException("definition at byte offset " + d.offset() + ": " + e.getMessage(), e);
                }
            }
            return null;
        });
    }

    private void define(Definition d) {
        switch (d) {
            case Definition.CoreModule m -> {
                Source source = modules.source(m, plan.caps(m));
                coreModules.add(source);
                instance.retain(source);
            }
            case Definition.CoreInstantiate ci -> coreInstantiate(ci);
            case Definition.CoreInlineInstance b -> {
                Map<String, Object> exports = new LinkedHashMap<>();
                for (Definition.CoreExport e : b.exports()) {
                    exports.put(e.name(), coreItem(e.sort(), e.index()));
                }
                coreInstances.add(new CoreInstance.Bundle(exports));
            }
            case Definition.CoreTypeDef t -> { }
            case Definition.NestedComponent n -> {
                components.add(nestedComponents.size());
                nestedComponents.add(n.component());
            }
            case Definition.Instantiate i -> instances.add(instantiateNested(i));
            case Definition.InlineInstance b -> {
                Map<String, Object> exports = new LinkedHashMap<>();
                for (Definition.Arg a : b.exports()) {
                    exports.put(a.name(), switch (a.sort()) {
                        case FUNC -> funcs.get(a.index());
                        case INSTANCE -> instances.get(a.index());
                        default -> a.sort();
                    });
                }
                instances.add(new Instance.Bundle(exports));
            }
            case Definition.AliasInstanceExport a -> aliasInstanceExport(a);
            case Definition.AliasCoreExport a -> {
                Object item = switch (coreInstances.get(a.coreInstanceIndex())) {
                    case CoreInstance.Wasm w -> w.exports().getMember(a.name());
                    case CoreInstance.Bundle b -> b.exports().get(a.name());
                };
                if (item == null) {
                    throw new LinkException("core instance " + a.coreInstanceIndex() + " has no export '" + a.name()
                            + "' (alias at byte offset " + a.offset() + ")");
                }
                addCore(a.sort(), item);
            }
            case Definition.AliasOuter a -> {
                if (a.sort() == Sort.TYPE) {
                    typeCount++;
                } else if (a.sort() != Sort.CORE_TYPE) {
                    throw new LinkException("outer aliases of " + a.sort() + " are not supported");
                }
            }
            case Definition.TypeDef t -> {
                if (types.types().get(typeCount) instanceof DefinedType.Resource r) {
                    defineLocalResource(r.type(), (dev.mowai.runner.component.binary.TypeDefinition.Resource) t.type());
                }
                typeCount++;
            }
            case Definition.CanonLift l -> funcs.add(new ComponentFunc.Lifted(types.funcs().get(funcs.size()),
                    (Value) coreFuncs.get(l.coreFuncIndex()), options(l.options()),
                    l.options().postReturn().isPresent() ? (Value) coreFuncs.get(l.options().postReturn().getAsInt()) : null));
            case Definition.CanonLower l -> coreFuncs.add(lower(funcs.get(l.funcIndex()), options(l.options())));
            case Definition.CanonResourceNew r -> {
                ResourceType t = resource(r.typeIndex());
                coreFuncs.add((ProxyExecutable) args -> tables.insertOwn(t, args[0].asInt()));
            }
            case Definition.CanonResourceRep r -> {
                ResourceType t = resource(r.typeIndex());
                coreFuncs.add((ProxyExecutable) args -> tables.rep(t, args[0].asInt()));
            }
            case Definition.CanonResourceDrop r -> {
                ResourceType t = resource(r.typeIndex());
                coreFuncs.add((ProxyExecutable) args -> {
                    tables.drop(t, args[0].asInt());
                    return null;
                });
            }
            case Definition.Start s -> throw new LinkException("component start functions are not supported");
            case Definition.Import i -> importDef(i);
            case Definition.Export e -> exportDef(e);
        }
    }

    /**
     * Instantiates a nested component in the same context. Its functions and instances are the
     * parent's (passed as arguments) or its own; what it exports becomes an instance of the parent.
     */
    private Instance instantiateNested(Definition.Instantiate i) {
        int n = components.get(i.componentIndex());
        Map<String, Object> childArgs = new LinkedHashMap<>();
        for (Definition.Arg a : i.args()) {
            childArgs.put(a.name(), switch (a.sort()) {
                case FUNC -> funcs.get(a.index());
                case INSTANCE -> instances.get(a.index());
                case TYPE -> Sort.TYPE; // types were resolved statically
                default -> throw new LinkException("passing a " + a.sort() + " to a nested component is not supported ('"
                        + a.name() + "' at byte offset " + i.offset() + ")");
            });
        }
        Instantiator child = new Instantiator(this, nestedComponents.get(n), types.nested().get(n), childArgs);
        for (Definition d : child.component.definitions()) {
            child.define(d);
        }
        return new Instance.Bundle(child.exported);
    }

    private void coreInstantiate(Definition.CoreInstantiate ci) {
        Map<String, Object> imports = new LinkedHashMap<>();
        for (Definition.CoreArg a : ci.args()) {
            imports.put(a.name(), switch (coreInstances.get(a.instanceIndex())) {
                case CoreInstance.Wasm w -> w.exports();
                case CoreInstance.Bundle b -> ProxyObject.fromMap(b.exports());
            });
        }
        Value module = context.eval(coreModules.get(ci.moduleIndex()));
        Value inst = module.newInstance(ProxyObject.fromMap(imports));
        coreInstances.add(new CoreInstance.Wasm(inst.getMember("exports")));
    }

    private Object coreItem(Sort sort, int index) {
        return switch (sort) {
            case CORE_FUNC -> coreFuncs.get(index);
            case CORE_TABLE -> coreTables.get(index);
            case CORE_MEMORY -> coreMemories.get(index);
            case CORE_GLOBAL -> coreGlobals.get(index);
            default -> throw new LinkException("a core instance cannot export a " + sort);
        };
    }

    private void addCore(Sort sort, Object item) {
        switch (sort) {
            case CORE_FUNC -> coreFuncs.add(item);
            case CORE_TABLE -> coreTables.add((Value) item);
            case CORE_MEMORY -> {
                coreMemories.add((Value) item);
                instance.addMemory((Value) item);
            }
            case CORE_GLOBAL -> coreGlobals.add((Value) item);
            default -> throw new LinkException("aliasing a core " + sort + " is not supported");
        }
    }

    private void aliasInstanceExport(Definition.AliasInstanceExport a) {
        Instance source = instances.get(a.instanceIndex());
        switch (a.sort()) {
            case FUNC -> funcs.add(switch (source) {
                case Instance.Host h -> {
                    TypedHostFunction fn = h.resolved().hostInterface().function(a.name()).orElseThrow(
                            () -> new LinkException(h.resolved().name().text() + " has no function '" + a.name() + "'"));
                    yield new ComponentFunc.Host(types.funcs().get(funcs.size()), fn, h.resolved().callFor(a.name()));
                }
                case Instance.Bundle b -> expectArg(b.exports().get(a.name()), ComponentFunc.class, a.name());
            });
            case TYPE -> typeCount++;
            case INSTANCE -> instances.add(switch (source) {
                case Instance.Bundle b -> (Instance) b.exports().get(a.name());
                case Instance.Host h -> throw new LinkException("nested instances of host imports are not supported");
            });
            default -> throw new LinkException("aliasing a " + a.sort() + " export of an instance is not supported");
        }
    }

    private void importDef(Definition.Import i) {
        if (args != null) {
            nestedImport(i);
            return;
        }
        switch (i.desc().sort()) {
            case FUNC -> {
                ResolvedImport.Function fn = (ResolvedImport.Function) host.resolve(i.name());
                funcs.add(new ComponentFunc.Host(types.funcs().get(funcs.size()), fn.function(), fn.call()));
            }
            case INSTANCE -> {
                ResolvedImport.Instance ri = (ResolvedImport.Instance) host.resolve(i.name());
                InstanceType it = types.instances().get(instances.size());
                instances.add(new Instance.Host(ri, it));
                for (Map.Entry<String, ExternType> x : it.exports().entrySet()) {
                    if (x.getValue() instanceof ExternType.Type(DefinedType.Resource r)) {
                        host.resource(r.type()).ifPresent(hr -> tables.defineResource(hr.type(), false,
                                rep -> hr.destructor().destroy(rep)));
                    }
                }
            }
            case TYPE -> typeCount++;
            default -> throw new LinkException("importing a " + i.desc().sort() + " is not supported ('" + i.name() + "')");
        }
    }

    private void nestedImport(Definition.Import i) {
        Object arg = args.get(i.name());
        if (arg == null) {
            throw new LinkException("nested component import '" + i.name() + "' has no instantiation argument");
        }
        switch (i.desc().sort()) {
            case FUNC -> funcs.add(expectArg(arg, ComponentFunc.class, i.name()));
            case INSTANCE -> instances.add(expectArg(arg, Instance.class, i.name()));
            case TYPE -> typeCount++;
            default -> throw new LinkException("importing a " + i.desc().sort() + " into a nested component is not supported");
        }
    }

    private static <T> T expectArg(Object arg, Class<T> kind, String name) {
        if (!kind.isInstance(arg)) {
            throw new LinkException("'" + name + "' is " + (arg == null ? "missing" : "a " + arg) + ", expected a "
                    + kind.getSimpleName());
        }
        return kind.cast(arg);
    }

    private void exportDef(Definition.Export e) {
        if (args != null) {
            switch (e.sort()) {
                case FUNC -> exported.put(e.name(), funcs.get(e.index()));
                case INSTANCE -> exported.put(e.name(), instances.get(e.index()));
                default -> { }
            }
        }
        switch (e.sort()) {
            case FUNC -> {
                ComponentFunc f = funcs.get(e.index());
                if (args == null && f instanceof ComponentFunc.Lifted l) {
                    instance.addExport(e.name(), l);
                }
                funcs.add(f);
            }
            case INSTANCE -> {
                Instance it = instances.get(e.index());
                if (args == null && it instanceof Instance.Bundle b) {
                    b.exports().forEach((k, v) -> {
                        if (v instanceof ComponentFunc.Lifted l) {
                            instance.addExport(e.name() + "#" + k, l);
                        }
                    });
                }
                instances.add(it);
            }
            case TYPE -> typeCount++;
            case COMPONENT -> components.add(components.get(e.index()));
            default -> { } // core modules: nothing to run
        }
    }

    private ResourceType resource(int typeIndex) {
        if (types.types().get(typeIndex) instanceof DefinedType.Resource r) {
            return r.type();
        }
        throw new LinkException("type " + typeIndex + " used by a resource built-in is not a resource");
    }

    private void defineLocalResource(ResourceType type, dev.mowai.runner.component.binary.TypeDefinition.Resource def) {
        Value dtor = def.destructorCoreFunc().isPresent() ? (Value) coreFuncs.get(def.destructorCoreFunc().getAsInt()) : null;
        tables.defineResource(type, true, dtor == null ? null : rep -> dtor.execute(rep));
    }

    private CanonOptions options(Definition.CanonOptions o) {
        GuestMemory memory = o.memory().isPresent() ? new GraalMemory(coreMemories.get(o.memory().getAsInt())) : null;
        Realloc realloc = null;
        if (o.realloc().isPresent()) {
            Value fn = (Value) coreFuncs.get(o.realloc().getAsInt());
            realloc = (ptr, size, align, newSize) -> fn.execute(ptr, size, align, newSize).asInt();
        }
        StringEncoding encoding = switch (o.encoding()) {
            case UTF8 -> StringEncoding.UTF8;
            case UTF16 -> StringEncoding.UTF16;
            case LATIN1_UTF16 -> StringEncoding.LATIN1_UTF16;
        };
        return new CanonOptions(encoding, memory, realloc, limits.boundary());
    }

    /** {@code canon lower}: a core function that lifts the guest's arguments and calls the host. */
    private ProxyExecutable lower(ComponentFunc f, CanonOptions opts) {
        if (!(f instanceof ComponentFunc.Host h)) {
            throw new LinkException("lowering a function lifted by the same component is not supported");
        }
        FuncType ft = h.type();
        List<CoreType> params = CanonicalAbi.flattenParams(ft, Flattening.Context.LOWER);
        return args -> {
            Object[] core = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                core[i] = switch (params.get(i)) {
                    case I32 -> args[i].asInt();
                    case I64 -> args[i].asLong();
                    case F32 -> args[i].asFloat();
                    case F64 -> args[i].asDouble();
                };
            }
            List<Val> vals = CanonicalAbi.liftArguments(ft, core, opts, tables);
            Optional<Val> result = h.function().implementation().call(h.call(), vals);
            return CanonicalAbi.lowerResult(ft, result, core, opts, tables);
        };
    }
}
