package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Well-typed sample values for any type, with host representations for the resources a guest can hold. */
final class Values {
    private static final Map<ResourceType, Supplier<Object>> REPS = Map.of(
            Io.OUTPUT_STREAM, () -> new OutputStreamRep.Discarding("sample"),
            Io.INPUT_STREAM, () -> new InputStreamRep("sample"),
            Io.POLLABLE, () -> Pollable.ALWAYS_READY,
            Io.ERROR, () -> new IoError("sample"),
            Http.FIELDS, Fields::new,
            Http.OUTGOING_REQUEST, () -> new Http.OutgoingRequest(new Fields()),
            Http.REQUEST_OPTIONS, Http.RequestOptions::new,
            Http.OUTGOING_BODY, Http.OutgoingBody::new,
            Http.OUTGOING_RESPONSE, () -> new Http.OutgoingResponse(new Fields()),
            Sockets.NETWORK, Sockets.Network::new);

    private Values() {
    }

    static Val sample(ValType t) {
        return switch (t) {
            case ValType.Primitive p -> switch (p) {
                case BOOL -> new Val.Bool(true);
                case S8 -> new Val.S8((byte) 1);
                case U8 -> new Val.U8(1);
                case S16 -> new Val.S16((short) 1);
                case U16 -> new Val.U16(1);
                case S32 -> new Val.S32(1);
                case U32 -> new Val.U32(1);
                case S64 -> new Val.S64(1);
                case U64 -> new Val.U64(1);
                case F32 -> new Val.F32(1);
                case F64 -> new Val.F64(1);
                case CHAR -> new Val.Char('x');
                case STRING -> new Val.Str("sample");
            };
            case ValType.ListType l -> new Val.ListVal(List.of(sample(l.element())));
            case ValType.OptionType o -> new Val.OptionVal(Optional.of(sample(o.type())));
            case ValType.ResultType r -> new Val.ResultVal(true, r.ok().map(Values::sample));
            case ValType.TupleType tt -> new Val.TupleVal(tt.types().stream().map(Values::sample).toList());
            case ValType.RecordType r -> new Val.RecordVal(r.fields().stream().map(f -> sample(f.type())).toList());
            case ValType.VariantType v -> new Val.VariantVal(0, v.cases().get(0).type().map(Values::sample));
            case ValType.EnumType e -> new Val.EnumVal(0);
            case ValType.FlagsType fl -> new Val.FlagsVal(Set.of());
            case ValType.Own o -> new Val.Own(o.resource(), rep(o.resource()));
            case ValType.Borrow b -> new Val.Borrow(b.resource(), rep(b.resource()));
        };
    }

    private static Object rep(ResourceType r) {
        Supplier<Object> s = REPS.get(r);
        return s == null ? new Object() : s.get();
    }

    static List<Val> samples(List<ValType> types) {
        List<Val> out = new ArrayList<>();
        types.forEach(t -> out.add(sample(t)));
        return out;
    }
}
