package dev.mowai.runner.component.binary;

import dev.mowai.runner.component.binary.Definition.CanonOptions;
import dev.mowai.runner.component.binary.Definition.StringEncoding;
import dev.mowai.runner.component.binary.TypeDefinition.Declaration;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the component binary format (layer 1) into a {@link Component}. Every index is checked
 * against the index space built so far; every length against the bytes left. Malformed or
 * unsupported input ends with a {@link ComponentFormatException} naming the section and offset.
 */
public final class ComponentParser {
    private static final int COMPONENT_VERSION = 0x0d;

    private final ParseLimits limits;

    public ComponentParser(ParseLimits limits) {
        this.limits = limits;
    }

    public ComponentParser() {
        this(ParseLimits.DEFAULT);
    }

    public Component parse(byte[] bytes) {
        if (limits.sizeProblem(bytes.length).isPresent()) {
            throw new ComponentFormatException(limits.sizeProblem(bytes.length).get());
        }
        BinaryReader in = new BinaryReader(bytes, 0, bytes.length);
        return component(in, null, 1);
    }

    private Component component(BinaryReader in, IndexSpaces outer, int depth) {
        if (depth > limits.maxNestingDepth()) {
            throw in.error("components nested deeper than " + limits.maxNestingDepth());
        }
        preamble(in);
        IndexSpaces scope = new IndexSpaces(outer);
        List<Definition> defs = new ArrayList<>();
        List<Component.CustomSection> customs = new ArrayList<>();
        while (!in.atEnd()) {
            in.section("section header");
            int id = in.u8();
            int headerStart = in.pos() - 1;
            int size = in.u32();
            if (size > in.remaining()) {
                throw in.errorAt("section " + id + " declares " + size + " bytes but only " + in.remaining()
                        + " remain", headerStart);
            }
            int bodyEnd = in.pos() + size;
            int outerEnd = in.limit(bodyEnd);
            in.section(sectionName(id));
            switch (id) {
                case 0 -> {
                    String name = in.name();
                    customs.add(new Component.CustomSection(name, in.pos(), bodyEnd - in.pos()));
                    in.skipTo(bodyEnd);
                }
                case 1 -> defs.add(coreModule(in, scope, headerStart, bodyEnd));
                case 2 -> vec(in, "core instance", () -> add(defs, scope, coreInstance(in, scope)));
                case 3 -> vec(in, "core type", () -> {
                    long at = in.pos();
                    add(defs, scope, new Definition.CoreTypeDef(coreType(in, false), at));
                });
                case 4 -> {
                    Component nested = component(in, scope, depth + 1);
                    in.section(sectionName(id));
                    add(defs, scope, new Definition.NestedComponent(nested, headerStart));
                }
                case 5 -> vec(in, "instance", () -> add(defs, scope, instance(in, scope)));
                case 6 -> vec(in, "alias", () -> add(defs, scope, alias(in, scope)));
                case 7 -> vec(in, "type", () -> {
                    long at = in.pos();
                    add(defs, scope, new Definition.TypeDef(defType(in, scope, depth), at));
                });
                case 8 -> vec(in, "canon", () -> add(defs, scope, canon(in, scope)));
                case 9 -> defs.add(start(in, scope));
                case 10 -> vec(in, "import", () -> {
                    long at = in.pos();
                    String name = externName(in);
                    add(defs, scope, new Definition.Import(name, externDesc(in, scope), at));
                });
                case 11 -> vec(in, "export", () -> add(defs, scope, export(in, scope)));
                case 12 -> throw in.errorAt("value definitions are not supported", headerStart);
                default -> throw in.errorAt("unknown section id " + id, headerStart);
            }
            if (in.pos() != bodyEnd) {
                throw in.error((bodyEnd - in.pos()) + " unread bytes at the end of the section");
            }
            in.limit(outerEnd);
        }
        return new Component(defs, customs);
    }

    private static void add(List<Definition> defs, IndexSpaces scope, Definition d) {
        defs.add(d);
        if (d.sort() != null) {
            scope.add(d.sort());
        }
    }

    private static void vec(BinaryReader in, String what, Runnable element) {
        int n = in.count(what);
        for (int i = 0; i < n; i++) {
            element.run();
        }
    }

    private static String sectionName(int id) {
        return switch (id) {
            case 0 -> "custom section";
            case 1 -> "core module section";
            case 2 -> "core instance section";
            case 3 -> "core type section";
            case 4 -> "component section";
            case 5 -> "instance section";
            case 6 -> "alias section";
            case 7 -> "type section";
            case 8 -> "canon section";
            case 9 -> "start section";
            case 10 -> "import section";
            case 11 -> "export section";
            case 12 -> "value section";
            default -> "section " + id;
        };
    }

    // ---- preamble ----

    private static void preamble(BinaryReader in) {
        in.section("preamble");
        int start = in.pos();
        if (in.remaining() < 8) {
            throw in.error("file too short for a WebAssembly header (" + in.remaining() + " bytes)");
        }
        byte[] b = in.array();
        if (b[start] != 0 || b[start + 1] != 'a' || b[start + 2] != 's' || b[start + 3] != 'm') {
            throw in.error("not a WebAssembly binary (wrong magic bytes)");
        }
        int version = (b[start + 4] & 0xff) | (b[start + 5] & 0xff) << 8;
        int layer = (b[start + 6] & 0xff) | (b[start + 7] & 0xff) << 8;
        if (layer == 0) {
            throw in.error("this is a core WebAssembly module, not a component. Componentize it first: "
                    + "embed the WIT world (jco embed --wit wit/agent.wit --world agent-world) and wrap it with "
                    + "`jco new core.wasm [--wasi-reactor] -o agent.wasm`; for JavaScript use componentize-js, "
                    + "for Rust cargo component");
        }
        if (layer != 1) {
            throw in.error("unknown WebAssembly layer " + layer);
        }
        if (version != COMPONENT_VERSION) {
            throw in.error("unsupported component binary version 0x" + Integer.toHexString(version)
                    + " (supported: 0x" + Integer.toHexString(COMPONENT_VERSION) + ")");
        }
        in.skipTo(start + 8);
    }

    // ---- core definitions ----

    private static Definition coreModule(BinaryReader in, IndexSpaces scope, int headerStart, int bodyEnd) {
        int start = in.pos();
        byte[] b = in.array();
        if (bodyEnd - start < 8 || b[start] != 0 || b[start + 1] != 'a' || b[start + 2] != 's' || b[start + 3] != 'm'
                || b[start + 4] != 1 || b[start + 5] != 0 || b[start + 6] != 0 || b[start + 7] != 0) {
            throw in.error("embedded core module does not start with a core WebAssembly 1.0 header");
        }
        in.skipTo(bodyEnd);
        Definition d = new Definition.CoreModule(b, start, bodyEnd - start, headerStart);
        scope.add(Sort.CORE_MODULE);
        return d;
    }

    private static Definition coreInstance(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        int kind = in.u8();
        if (kind == 0x00) {
            long modAt = in.pos();
            int module = in.u32();
            scope.check(in, Sort.CORE_MODULE, module, "core instantiate", modAt);
            List<Definition.CoreArg> args = new ArrayList<>();
            vec(in, "instantiate argument", () -> {
                String name = in.name();
                in.expect(0x12, "instance sort");
                long idxAt = in.pos();
                int idx = in.u32();
                scope.check(in, Sort.CORE_INSTANCE, idx, "instantiate argument '" + name + "'", idxAt);
                args.add(new Definition.CoreArg(name, idx));
            });
            return new Definition.CoreInstantiate(module, args, at);
        }
        if (kind == 0x01) {
            List<Definition.CoreExport> exports = new ArrayList<>();
            vec(in, "inline export", () -> {
                String name = in.name();
                long sortAt = in.pos();
                Sort sort = coreSort(in, in.u8(), sortAt);
                long idxAt = in.pos();
                int idx = in.u32();
                scope.check(in, sort, idx, "inline export '" + name + "'", idxAt);
                exports.add(new Definition.CoreExport(name, sort, idx));
            });
            return new Definition.CoreInlineInstance(exports, at);
        }
        throw in.errorAt(String.format("unknown core instance kind 0x%02x", kind), at);
    }

    private static Sort coreSort(BinaryReader in, int b, long at) {
        return switch (b) {
            case 0x00 -> Sort.CORE_FUNC;
            case 0x01 -> Sort.CORE_TABLE;
            case 0x02 -> Sort.CORE_MEMORY;
            case 0x03 -> Sort.CORE_GLOBAL;
            case 0x10 -> Sort.CORE_TYPE;
            case 0x11 -> Sort.CORE_MODULE;
            case 0x12 -> Sort.CORE_INSTANCE;
            default -> throw in.errorAt(String.format("unknown core sort 0x%02x", b), at);
        };
    }

    private static CoreType coreType(BinaryReader in, boolean insideModuleType) {
        long at = in.pos();
        int b = in.u8();
        if (b == 0x60) {
            List<CoreType.ValType> params = new ArrayList<>();
            vec(in, "core param", () -> params.add(coreValType(in)));
            List<CoreType.ValType> results = new ArrayList<>();
            vec(in, "core result", () -> results.add(coreValType(in)));
            return new CoreType.Func(params, results);
        }
        if (b == 0x00 && in.peek() == 0x50) {
            in.u8();
            b = 0x50;
        }
        if (b == 0x50) {
            if (insideModuleType) {
                throw in.errorAt("core module types cannot be nested", at);
            }
            List<CoreType.ModuleDecl> decls = new ArrayList<>();
            vec(in, "module declaration", () -> decls.add(moduleDecl(in)));
            return new CoreType.Module(decls);
        }
        if (b == 0x4e || b == 0x4f || b == 0x5e || b == 0x5f) {
            throw in.errorAt("core GC types (struct/array/rec) are not supported", at);
        }
        throw in.errorAt(String.format("unknown core type form 0x%02x", b), at);
    }

    private static CoreType.ValType coreValType(BinaryReader in) {
        long at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x7f -> CoreType.ValType.I32;
            case 0x7e -> CoreType.ValType.I64;
            case 0x7d -> CoreType.ValType.F32;
            case 0x7c -> CoreType.ValType.F64;
            case 0x7b -> CoreType.ValType.V128;
            case 0x70 -> CoreType.ValType.FUNCREF;
            case 0x6f -> CoreType.ValType.EXTERNREF;
            case 0x63, 0x64 -> {
                in.s33();
                yield CoreType.ValType.REF;
            }
            default -> throw in.errorAt(String.format("unknown core value type 0x%02x", b), at);
        };
    }

    private static CoreType.ModuleDecl moduleDecl(BinaryReader in) {
        long at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> {
                String module = in.name();
                String field = in.name();
                yield new CoreType.ModuleDecl.Import(module, field, importDesc(in));
            }
            case 0x01 -> new CoreType.ModuleDecl.Type(coreType(in, true));
            case 0x02 -> {
                long sortAt = in.pos();
                Sort sort = coreSort(in, in.u8(), sortAt);
                if (sort != Sort.CORE_TYPE) {
                    throw in.errorAt("module type aliases may only alias core types, not " + sort, sortAt);
                }
                in.expect(0x01, "outer alias");
                int count = in.u32();
                int idx = in.u32();
                yield new CoreType.ModuleDecl.AliasOuter(count, idx);
            }
            case 0x03 -> {
                String name = in.name();
                yield new CoreType.ModuleDecl.Export(name, importDesc(in));
            }
            default -> throw in.errorAt(String.format("unknown module declaration 0x%02x", b), at);
        };
    }

    private static CoreType.ImportKind importDesc(BinaryReader in) {
        long at = in.pos();
        int b = in.u8();
        switch (b) {
            case 0x00 -> {
                in.u32();
                return CoreType.ImportKind.FUNC;
            }
            case 0x01 -> {
                coreValType(in);
                limits(in);
                return CoreType.ImportKind.TABLE;
            }
            case 0x02 -> {
                limits(in);
                return CoreType.ImportKind.MEMORY;
            }
            case 0x03 -> {
                coreValType(in);
                int mut = in.u8();
                if (mut > 1) {
                    throw in.errorAt("invalid global mutability " + mut, in.pos() - 1);
                }
                return CoreType.ImportKind.GLOBAL;
            }
            case 0x04 -> {
                in.expect(0x00, "exception tag attribute");
                in.u32();
                return CoreType.ImportKind.TAG;
            }
            default -> throw in.errorAt(String.format("unknown core import kind 0x%02x", b), at);
        }
    }

    private static void limits(BinaryReader in) {
        long at = in.pos();
        int flags = in.u8();
        if (flags > 0x07) {
            throw in.errorAt(String.format("invalid limits flags 0x%02x", flags), at);
        }
        boolean is64 = (flags & 0x04) != 0;
        if (is64) in.u64(); else in.u32Long();
        if ((flags & 0x01) != 0) {
            if (is64) in.u64(); else in.u32Long();
        }
    }

    // ---- component definitions ----

    private static Sort sort(BinaryReader in) {
        long at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> coreSort(in, in.u8(), at + 1);
            case 0x01 -> Sort.FUNC;
            case 0x02 -> Sort.VALUE;
            case 0x03 -> Sort.TYPE;
            case 0x04 -> Sort.COMPONENT;
            case 0x05 -> Sort.INSTANCE;
            default -> throw in.errorAt(String.format("unknown sort 0x%02x", b), at);
        };
    }

    /** An import/export name: a 0x00 or 0x01 discriminant, then the name. */
    private static String externName(BinaryReader in) {
        long at = in.pos();
        int b = in.u8();
        if (b != 0x00 && b != 0x01) {
            throw in.errorAt(String.format("unknown import/export name form 0x%02x", b), at);
        }
        String name = in.name();
        if (name.isEmpty()) {
            throw in.errorAt("empty import/export name", at);
        }
        return name;
    }

    private static Definition instance(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        int kind = in.u8();
        if (kind == 0x00) {
            long compAt = in.pos();
            int component = in.u32();
            scope.check(in, Sort.COMPONENT, component, "instantiate", compAt);
            List<Definition.Arg> args = new ArrayList<>();
            vec(in, "instantiate argument", () -> {
                String name = in.name();
                args.add(sortIdx(in, scope, name));
            });
            return new Definition.Instantiate(component, args, at);
        }
        if (kind == 0x01) {
            List<Definition.Arg> exports = new ArrayList<>();
            vec(in, "inline export", () -> {
                String name = externName(in);
                exports.add(sortIdx(in, scope, name));
            });
            return new Definition.InlineInstance(exports, at);
        }
        throw in.errorAt(String.format("unknown instance kind 0x%02x", kind), at);
    }

    private static Definition.Arg sortIdx(BinaryReader in, IndexSpaces scope, String name) {
        Sort sort = sort(in);
        long idxAt = in.pos();
        int idx = in.u32();
        scope.check(in, sort, idx, "'" + name + "'", idxAt);
        return new Definition.Arg(name, sort, idx);
    }

    private static Definition alias(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        Sort sort = sort(in);
        long targetAt = in.pos();
        int target = in.u8();
        switch (target) {
            case 0x00 -> {
                long idxAt = in.pos();
                int instance = in.u32();
                scope.check(in, Sort.INSTANCE, instance, "alias of an instance export", idxAt);
                if (sort.isCore() && sort != Sort.CORE_MODULE) {
                    throw in.errorAt("an instance export alias cannot have sort " + sort, at);
                }
                return new Definition.AliasInstanceExport(sort, instance, in.name(), at);
            }
            case 0x01 -> {
                long idxAt = in.pos();
                int instance = in.u32();
                scope.check(in, Sort.CORE_INSTANCE, instance, "alias of a core export", idxAt);
                if (!sort.isCore()) {
                    throw in.errorAt("a core export alias must have a core sort, not " + sort, at);
                }
                return new Definition.AliasCoreExport(sort, instance, in.name(), at);
            }
            case 0x02 -> {
                long countAt = in.pos();
                int count = in.u32();
                long idxAt = in.pos();
                int idx = in.u32();
                if (sort != Sort.TYPE && sort != Sort.CORE_TYPE && sort != Sort.CORE_MODULE && sort != Sort.COMPONENT) {
                    throw in.errorAt("outer aliases may only alias types, core modules and components, not " + sort, at);
                }
                IndexSpaces target2 = scope.outer(count);
                if (target2 == null) {
                    throw in.errorAt("outer alias count " + count + " exceeds the enclosing scopes", countAt);
                }
                target2.check(in, sort, idx, "outer alias", idxAt);
                return new Definition.AliasOuter(sort, count, idx, at);
            }
            default -> throw in.errorAt(String.format("unknown alias target 0x%02x", target), targetAt);
        }
    }

    private static Definition canon(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        int kind = in.u8();
        switch (kind) {
            case 0x00 -> {
                in.expect(0x00, "func sort of canon lift");
                long fAt = in.pos();
                int coreFunc = in.u32();
                scope.check(in, Sort.CORE_FUNC, coreFunc, "canon lift", fAt);
                CanonOptions opts = canonOptions(in, scope);
                long tAt = in.pos();
                int type = in.u32();
                scope.check(in, Sort.TYPE, type, "canon lift type", tAt);
                return new Definition.CanonLift(coreFunc, opts, type, at);
            }
            case 0x01 -> {
                in.expect(0x00, "func sort of canon lower");
                long fAt = in.pos();
                int func = in.u32();
                scope.check(in, Sort.FUNC, func, "canon lower", fAt);
                return new Definition.CanonLower(func, canonOptions(in, scope), at);
            }
            case 0x02, 0x03, 0x04 -> {
                long tAt = in.pos();
                int type = in.u32();
                scope.check(in, Sort.TYPE, type, "canon resource built-in", tAt);
                return switch (kind) {
                    case 0x02 -> new Definition.CanonResourceNew(type, at);
                    case 0x03 -> new Definition.CanonResourceDrop(type, at);
                    default -> new Definition.CanonResourceRep(type, at);
                };
            }
            default -> throw in.errorAt(String.format(
                    "canonical built-in 0x%02x (async, threads or error-context) is not supported", kind), at);
        }
    }

    private static CanonOptions canonOptions(BinaryReader in, IndexSpaces scope) {
        StringEncoding[] encoding = {null};
        OptionalInt[] memory = {OptionalInt.empty()};
        OptionalInt[] realloc = {OptionalInt.empty()};
        OptionalInt[] postReturn = {OptionalInt.empty()};
        vec(in, "canon option", () -> {
            long at = in.pos();
            int b = in.u8();
            switch (b) {
                case 0x00, 0x01, 0x02 -> {
                    if (encoding[0] != null) {
                        throw in.errorAt("duplicate string-encoding option", at);
                    }
                    encoding[0] = StringEncoding.values()[b];
                }
                case 0x03 -> memory[0] = option(in, scope, Sort.CORE_MEMORY, memory[0], "memory", at);
                case 0x04 -> realloc[0] = option(in, scope, Sort.CORE_FUNC, realloc[0], "realloc", at);
                case 0x05 -> postReturn[0] = option(in, scope, Sort.CORE_FUNC, postReturn[0], "post-return", at);
                case 0x06, 0x07 -> throw in.errorAt("async canon options are not supported", at);
                default -> throw in.errorAt(String.format("unknown canon option 0x%02x", b), at);
            }
        });
        return new CanonOptions(encoding[0] == null ? StringEncoding.UTF8 : encoding[0], memory[0], realloc[0],
                postReturn[0]);
    }

    private static OptionalInt option(BinaryReader in, IndexSpaces scope, Sort sort, OptionalInt previous, String what,
                                      long at) {
        if (previous.isPresent()) {
            throw in.errorAt("duplicate " + what + " option", at);
        }
        long idxAt = in.pos();
        int idx = in.u32();
        scope.check(in, sort, idx, what + " option", idxAt);
        return OptionalInt.of(idx);
    }

    private static Definition start(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        int func = in.u32();
        scope.check(in, Sort.FUNC, func, "start", at);
        List<Integer> args = new ArrayList<>();
        vec(in, "start argument", () -> {
            long vAt = in.pos();
            int v = in.u32();
            scope.check(in, Sort.VALUE, v, "start argument", vAt);
            args.add(v);
        });
        long rAt = in.pos();
        int results = in.u32();
        if (results > 1) {
            throw in.errorAt("start function declares " + results + " results (at most 1)", rAt);
        }
        scope.add(Sort.VALUE, results);
        return new Definition.Start(func, args, results, at);
    }

    private static Definition export(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        String name = externName(in);
        Sort sort = sort(in);
        long idxAt = in.pos();
        int idx = in.u32();
        scope.check(in, sort, idx, "export '" + name + "'", idxAt);
        if (sort.isCore() && sort != Sort.CORE_MODULE) {
            throw in.errorAt("export '" + name + "' has sort " + sort + "; only core modules may be exported among core sorts", at);
        }
        Optional<ExternDesc> ascribed = Optional.empty();
        long optAt = in.pos();
        int present = in.u8();
        if (present == 0x01) {
            ascribed = Optional.of(externDesc(in, scope));
        } else if (present != 0x00) {
            throw in.errorAt(String.format("invalid optional marker 0x%02x", present), optAt);
        }
        return new Definition.Export(name, sort, idx, ascribed, at);
    }

    private static ExternDesc externDesc(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        int b = in.u8();
        switch (b) {
            case 0x00 -> {
                in.expect(0x11, "core module sort");
                return new ExternDesc.CoreModuleDesc(index(in, scope, Sort.CORE_TYPE, "core module type"));
            }
            case 0x01 -> {
                return new ExternDesc.FuncDesc(index(in, scope, Sort.TYPE, "func type"));
            }
            case 0x02 -> {
                int bound = in.u8();
                if (bound == 0x00) {
                    return new ExternDesc.ValueDesc(true, index(in, scope, Sort.VALUE, "value bound"), null);
                }
                if (bound == 0x01) {
                    return new ExternDesc.ValueDesc(false, -1, valType(in, scope));
                }
                throw in.errorAt(String.format("unknown value bound 0x%02x", bound), in.pos() - 1);
            }
            case 0x03 -> {
                int bound = in.u8();
                if (bound == 0x00) {
                    return new ExternDesc.TypeEq(index(in, scope, Sort.TYPE, "type bound"));
                }
                if (bound == 0x01) {
                    return new ExternDesc.TypeSubResource();
                }
                throw in.errorAt(String.format("unknown type bound 0x%02x", bound), in.pos() - 1);
            }
            case 0x04 -> {
                return new ExternDesc.ComponentDesc(index(in, scope, Sort.TYPE, "component type"));
            }
            case 0x05 -> {
                return new ExternDesc.InstanceDesc(index(in, scope, Sort.TYPE, "instance type"));
            }
            default -> throw in.errorAt(String.format("unknown extern kind 0x%02x", b), at);
        }
    }

    private static int index(BinaryReader in, IndexSpaces scope, Sort sort, String what) {
        long at = in.pos();
        int idx = in.u32();
        scope.check(in, sort, idx, what, at);
        return idx;
    }

    // ---- type definitions ----

    private TypeDefinition defType(BinaryReader in, IndexSpaces scope, int depth) {
        long at = in.pos();
        int b = in.peek();
        switch (b) {
            case 0x40 -> {
                in.u8();
                return funcType(in, scope);
            }
            case 0x43 -> throw in.errorAt("async function types are not supported", at);
            case 0x41, 0x42 -> {
                in.u8();
                return declarations(in, scope, depth + 1, b == 0x41);
            }
            case 0x3f -> {
                in.u8();
                in.expect(0x7f, "resource representation i32");
                long optAt = in.pos();
                int present = in.u8();
                if (present == 0x00) {
                    return new TypeDefinition.Resource(OptionalInt.empty());
                }
                if (present != 0x01) {
                    throw in.errorAt(String.format("invalid optional marker 0x%02x", present), optAt);
                }
                return new TypeDefinition.Resource(OptionalInt.of(index(in, scope, Sort.CORE_FUNC, "resource destructor")));
            }
            case 0x3e -> throw in.errorAt("async resource types are not supported", at);
            default -> {
                return defValType(in, scope);
            }
        }
    }

    private TypeDefinition declarations(BinaryReader in, IndexSpaces outer, int depth, boolean component) {
        if (depth > limits.maxNestingDepth()) {
            throw in.error("type declarations nested deeper than " + limits.maxNestingDepth());
        }
        IndexSpaces scope = new IndexSpaces(outer);
        List<Declaration> decls = new ArrayList<>();
        vec(in, component ? "component type declaration" : "instance type declaration", () -> {
            long at = in.pos();
            int b = in.u8();
            Declaration d = switch (b) {
                case 0x00 -> {
                    scope.add(Sort.CORE_TYPE);
                    yield new Declaration.CoreTypeDecl(coreType(in, false));
                }
                case 0x01 -> {
                    TypeDefinition t = defType(in, scope, depth);
                    if (t instanceof TypeDefinition.Resource) {
                        throw in.errorAt("resource types cannot be defined inside a component or instance type", at);
                    }
                    scope.add(Sort.TYPE);
                    yield new Declaration.TypeDecl(t);
                }
                case 0x02 -> {
                    Definition alias = alias(in, scope);
                    scope.add(alias.sort());
                    yield new Declaration.AliasDecl(alias);
                }
                case 0x03 -> {
                    if (!component) {
                        throw in.errorAt("instance types cannot declare imports", at);
                    }
                    String name = externName(in);
                    ExternDesc desc = externDesc(in, scope);
                    scope.add(desc.sort());
                    yield new Declaration.ImportDecl(name, desc);
                }
                case 0x04 -> {
                    String name = externName(in);
                    ExternDesc desc = externDesc(in, scope);
                    scope.add(desc.sort());
                    yield new Declaration.ExportDecl(name, desc);
                }
                default -> throw in.errorAt(String.format("unknown type declaration 0x%02x", b), at);
            };
            decls.add(d);
        });
        return component ? new TypeDefinition.ComponentType(decls) : new TypeDefinition.InstanceType(decls);
    }

    private static TypeDefinition funcType(BinaryReader in, IndexSpaces scope) {
        List<TypeDefinition.Labeled> params = labeledList(in, scope, "parameter");
        long at = in.pos();
        int kind = in.u8();
        if (kind == 0x00) {
            return new TypeDefinition.Func(params, Optional.of(valType(in, scope)));
        }
        if (kind == 0x01) {
            long countAt = in.pos();
            int n = in.count("named result");
            if (n != 0) {
                throw in.errorAt("named function results are not supported (" + n + " named results)", countAt);
            }
            return new TypeDefinition.Func(params, Optional.empty());
        }
        throw in.errorAt(String.format("unknown result list form 0x%02x", kind), at);
    }

    private static List<TypeDefinition.Labeled> labeledList(BinaryReader in, IndexSpaces scope, String what) {
        List<TypeDefinition.Labeled> list = new ArrayList<>();
        vec(in, what, () -> {
            String label = in.name();
            list.add(new TypeDefinition.Labeled(label, valType(in, scope)));
        });
        return list;
    }

    private static TypeDefinition defValType(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        int b = in.u8();
        ValType.Primitive prim = primitive(b);
        if (prim != null) {
            return new TypeDefinition.Primitive(prim);
        }
        return switch (b) {
            case 0x72 -> new TypeDefinition.Record(nonEmpty(in, labeledList(in, scope, "record field"), "record", at));
            case 0x71 -> {
                List<TypeDefinition.Case> cases = new ArrayList<>();
                vec(in, "variant case", () -> {
                    String label = in.name();
                    Optional<TypeRef> type = optionalValType(in, scope);
                    long refAt = in.pos();
                    if (in.u8() != 0x00) {
                        throw in.errorAt("variant case 'refines' is not supported", refAt);
                    }
                    cases.add(new TypeDefinition.Case(label, type));
                });
                yield new TypeDefinition.Variant(nonEmpty(in, cases, "variant", at));
            }
            case 0x70 -> new TypeDefinition.ListOf(valType(in, scope));
            case 0x67 -> throw in.errorAt("fixed-size lists are not supported", at);
            case 0x6f -> {
                List<TypeRef> types = new ArrayList<>();
                vec(in, "tuple element", () -> types.add(valType(in, scope)));
                yield new TypeDefinition.Tuple(nonEmpty(in, types, "tuple", at));
            }
            case 0x6e, 0x6d -> {
                List<String> names = new ArrayList<>();
                vec(in, b == 0x6e ? "flag" : "enum case", () -> names.add(in.name()));
                nonEmpty(in, names, b == 0x6e ? "flags" : "enum", at);
                yield b == 0x6e ? new TypeDefinition.Flags(names) : new TypeDefinition.Enum(names);
            }
            case 0x6b -> new TypeDefinition.Option(valType(in, scope));
            case 0x6a -> {
                Optional<TypeRef> ok = optionalValType(in, scope);
                yield new TypeDefinition.Result(ok, optionalValType(in, scope));
            }
            case 0x69 -> new TypeDefinition.Own(index(in, scope, Sort.TYPE, "own handle"));
            case 0x68 -> new TypeDefinition.Borrow(index(in, scope, Sort.TYPE, "borrow handle"));
            case 0x66, 0x65, 0x64 -> throw in.errorAt("async types (stream, future, error-context) are not supported", at);
            default -> throw in.errorAt(String.format("unknown type opcode 0x%02x", b), at);
        };
    }

    private static <T> List<T> nonEmpty(BinaryReader in, List<T> list, String what, long at) {
        if (list.isEmpty()) {
            throw in.errorAt(what + " type must not be empty", at);
        }
        return list;
    }

    private static Optional<TypeRef> optionalValType(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        int present = in.u8();
        if (present == 0x00) {
            return Optional.empty();
        }
        if (present != 0x01) {
            throw in.errorAt(String.format("invalid optional marker 0x%02x", present), at);
        }
        return Optional.of(valType(in, scope));
    }

    private static TypeRef valType(BinaryReader in, IndexSpaces scope) {
        long at = in.pos();
        ValType.Primitive prim = primitive(in.peek());
        if (prim != null) {
            in.u8();
            return new TypeRef.Prim(prim);
        }
        long v = in.s33();
        if (v < 0) {
            throw in.errorAt("invalid value type", at);
        }
        if (v > Integer.MAX_VALUE) {
            throw in.errorAt("type index " + v + " out of range", at);
        }
        scope.check(in, Sort.TYPE, (int) v, "value type", at);
        return new TypeRef.Index((int) v);
    }

    /** Primitive value types occupy opcodes 0x7f (bool) down to 0x73 (string), in enum order. */
    private static ValType.Primitive primitive(int b) {
        return b >= 0x73 && b <= 0x7f ? ValType.Primitive.values()[0x7f - b] : null;
    }
}
