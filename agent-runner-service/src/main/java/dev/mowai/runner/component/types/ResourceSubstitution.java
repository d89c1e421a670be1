package dev.mowai.runner.component.types;

import java.util.LinkedHashMap;
import java.util.Map;

/** Replaces resource types inside a type (binding an import's abstract resources to real ones). */
final class ResourceSubstitution {
    private final Map<ResourceType, ResourceType> map;

    ResourceSubstitution(Map<ResourceType, ResourceType> map) {
        this.map = map;
    }

    ExternType apply(ExternType t) {
        return switch (t) {
            case ExternType.Func f -> new ExternType.Func(func(f.type()));
            case ExternType.Instance i -> new ExternType.Instance(instance(i.type()));
            case ExternType.Component c -> new ExternType.Component(new ComponentType(
                    all(c.type().imports()), all(c.type().exports())));
            case ExternType.Type ty -> new ExternType.Type(defined(ty.type()));
            case ExternType.Value v -> new ExternType.Value(val(v.type()));
            case ExternType.CoreModule m -> m;
        };
    }

    private Map<String, ExternType> all(Map<String, ExternType> m) {
        Map<String, ExternType> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, apply(v)));
        return out;
    }

    private InstanceType instance(InstanceType it) {
        return new InstanceType(all(it.exports()));
    }

    private DefinedType defined(DefinedType d) {
        return switch (d) {
            case DefinedType.Value v -> new DefinedType.Value(val(v.type()));
            case DefinedType.Func f -> new DefinedType.Func(func(f.type()));
            case DefinedType.Resource r -> new DefinedType.Resource(map.getOrDefault(r.type(), r.type()));
            case DefinedType.Instance i -> new DefinedType.Instance(instance(i.type()));
            case DefinedType.Component c -> new DefinedType.Component(new ComponentType(
                    all(c.type().imports()), all(c.type().exports())));
        };
    }

    FuncType func(FuncType f) {
        return new FuncType(f.params().stream().map(p -> new FuncType.Param(p.name(), val(p.type()))).toList(),
                f.result().map(this::val));
    }

    ValType val(ValType t) {
        return switch (t) {
            case ValType.Primitive p -> p;
            case ValType.RecordType r -> new ValType.RecordType(r.fields().stream()
                    .map(f -> new ValType.Field(f.name(), val(f.type()))).toList());
            case ValType.VariantType v -> new ValType.VariantType(v.cases().stream()
                    .map(c -> new ValType.Case(c.name(), c.type().map(this::val))).toList());
            case ValType.ListType l -> new ValType.ListType(val(l.element()));
            case ValType.TupleType tu -> new ValType.TupleType(tu.types().stream().map(this::val).toList());
            case ValType.EnumType e -> e;
            case ValType.FlagsType f -> f;
            case ValType.OptionType o -> new ValType.OptionType(val(o.type()));
            case ValType.ResultType r -> new ValType.ResultType(r.ok().map(this::val), r.err().map(this::val));
            case ValType.Own o -> new ValType.Own(map.getOrDefault(o.resource(), o.resource()));
            case ValType.Borrow b -> new ValType.Borrow(map.getOrDefault(b.resource(), b.resource()));
        };
    }
}
