package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Case;
import dev.mowai.runner.component.types.ValType.Field;
import dev.mowai.runner.component.types.ValType.Primitive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Short constructors for types and values, and seeded random generators of both. */
final class Types {
    private Types() {}

    static ValType list(ValType e) {
        return new ValType.ListType(e);
    }

    static ValType tuple(ValType... ts) {
        return new ValType.TupleType(List.of(ts));
    }

    static ValType record(ValType... ts) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            fields.add(new Field("f" + i, ts[i]));
        }
        return new ValType.RecordType(fields);
    }

    /** A variant; null entries are cases without payload. */
    static ValType variant(ValType... ts) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            cases.add(new Case("c" + i, Optional.ofNullable(ts[i])));
        }
        return new ValType.VariantType(cases);
    }

    static ValType enumOf(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("e" + i);
        }
        return new ValType.EnumType(names);
    }

    static ValType flags(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("f" + i);
        }
        return new ValType.FlagsType(names);
    }

    static ValType option(ValType t) {
        return new ValType.OptionType(t);
    }

    static ValType result(ValType ok, ValType err) {
        return new ValType.ResultType(Optional.ofNullable(ok), Optional.ofNullable(err));
    }

    static FuncType func(List<ValType> params, ValType result) {
        List<FuncType.Param> ps = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            ps.add(new FuncType.Param("p" + i, params.get(i)));
        }
        return new FuncType(ps, Optional.ofNullable(result));
    }

    static Val str(String s) {
        return new Val.Str(s);
    }

    static Val u32(long v) {
        return new Val.U32(v);
    }

    /** Seeded random types (depth-limited) and values of them. */
    static final class Gen {
        final Random rnd;
        final ResourceType resource;

        Gen(long seed, ResourceType resource) {
            this.rnd = new Random(seed);
            this.resource = resource;
        }

        ValType type(int depth) {
            int pick = rnd.nextInt(depth <= 0 ? 2 : 11);
            return switch (pick) {
                case 0 -> Primitive.values()[rnd.nextInt(Primitive.values().length)];
                case 1 -> rnd.nextInt(4) == 0 ? flags(1 + rnd.nextInt(70)) : enumOf(1 + rnd.nextInt(300));
                case 2 -> list(type(depth - 1));
                case 3, 4 -> {
                    ValType[] ts = new ValType[rnd.nextInt(5)];
                    for (int i = 0; i < ts.length; i++) {
                        ts[i] = type(depth - 1);
                    }
                    yield pick == 3 ? record(ts) : tuple(ts);
                }
                case 5, 6 -> {
                    ValType[] ts = new ValType[1 + rnd.nextInt(4)];
                    for (int i = 0; i < ts.length; i++) {
                        ts[i] = rnd.nextInt(3) == 0 ? null : type(depth - 1);
                    }
                    yield variant(ts);
                }
                case 7 -> option(type(depth - 1));
                case 8 -> result(rnd.nextBoolean() ? type(depth - 1) : null, rnd.nextBoolean() ? type(depth - 1) : null);
                case 9 -> new ValType.Own(resource);
                default -> Primitive.STRING;
            };
        }

        Val value(ValType t) {
            return switch (t) {
                case Primitive p -> switch (p) {
                    case BOOL -> new Val.Bool(rnd.nextBoolean());
                    case S8 -> new Val.S8((byte) rnd.nextInt());
                    case U8 -> new Val.U8(rnd.nextInt(256));
                    case S16 -> new Val.S16((short) rnd.nextInt());
                    case U16 -> new Val.U16(rnd.nextInt(65536));
                    case S32 -> new Val.S32(rnd.nextInt());
                    case U32 -> new Val.U32(Integer.toUnsignedLong(rnd.nextInt()));
                    case S64 -> new Val.S64(rnd.nextLong());
                    case U64 -> new Val.U64(rnd.nextLong());
                    case F32 -> new Val.F32(rnd.nextInt(10) == 0 ? Float.NaN : rnd.nextFloat() * 1e6f - 5e5f);
                    case F64 -> new Val.F64(rnd.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : rnd.nextGaussian() * 1e9);
                    case CHAR -> new Val.Char(codePoint());
                    case STRING -> new Val.Str(string());
                };
                case ValType.ListType l -> {
                    List<Val> es = new ArrayList<>();
                    int n = rnd.nextInt(6);
                    for (int i = 0; i < n; i++) {
                        es.add(value(l.element()));
                    }
                    yield new Val.ListVal(es);
                }
                case ValType.RecordType r -> {
                    List<Val> fs = new ArrayList<>();
                    for (Field f : r.fields()) {
                        fs.add(value(f.type()));
                    }
                    yield new Val.RecordVal(fs);
                }
                case ValType.TupleType tu -> {
                    List<Val> es = new ArrayList<>();
                    for (ValType e : tu.types()) {
                        es.add(value(e));
                    }
                    yield new Val.TupleVal(es);
                }
                case ValType.VariantType v -> {
                    int i = rnd.nextInt(v.cases().size());
                    yield new Val.VariantVal(i, v.cases().get(i).type().map(this::value));
                }
                case ValType.EnumType e -> new Val.EnumVal(rnd.nextInt(e.names().size()));
                case ValType.OptionType o -> new Val.OptionVal(rnd.nextBoolean() ? Optional.of(value(o.type())) : Optional.empty());
                case ValType.ResultType r -> {
                    boolean ok = rnd.nextBoolean();
                    yield new Val.ResultVal(ok, (ok ? r.ok() : r.err()).map(this::value));
                }
                case ValType.FlagsType f -> {
                    Set<Integer> set = new HashSet<>();
                    for (int i = 0; i < f.names().size(); i++) {
                        if (rnd.nextBoolean()) {
                            set.add(i);
                        }
                    }
                    yield new Val.FlagsVal(set);
                }
                case ValType.Own o -> new Val.Own(o.resource(), "rep-" + rnd.nextInt(1000));
                case ValType.Borrow b -> new Val.Borrow(b.resource(), "rep-" + rnd.nextInt(1000));
            };
        }

        int codePoint() {
            return switch (rnd.nextInt(4)) {
                case 0 -> 0x20 + rnd.nextInt(0x5f);
                case 1 -> 0xa0 + rnd.nextInt(0x60);
                case 2 -> {
                    int c = 0x100 + rnd.nextInt(0xfff0 - 0x100);
                    yield c >= 0xd800 && c <= 0xdfff ? 0xe000 : c;
                }
                default -> 0x10000 + rnd.nextInt(0x100000);
            };
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(12);
            int kind = rnd.nextInt(3); // ascii-only, latin1-only, anything: exercises every store path
            for (int i = 0; i < n; i++) {
                int cp = codePoint();
                if (kind == 0) {
                    cp = 0x20 + (cp % 0x5f);
                } else if (kind == 1) {
                    cp = cp % 0x100;
                }
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }
    }
}
