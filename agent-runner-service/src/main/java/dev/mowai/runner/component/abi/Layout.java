package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Case;
import dev.mowai.runner.component.types.ValType.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sizes and alignments of values stored in linear memory (the spec's {@code elem_size}/{@code alignment}). */
public final class Layout {
    private Layout() {}

    /**
     * Memoised per type: the recursive definitions are otherwise re-evaluated for every nested value.
     * Bounded, because every uploaded component brings its own types.
     */
    private static final int CACHE_LIMIT = 50_000;
    private static final Map<ValType, Integer> ALIGNMENTS = new ConcurrentHashMap<>();
    private static final Map<ValType, Integer> SIZES = new ConcurrentHashMap<>();

    public static int alignment(ValType t) {
        if (t instanceof ValType.Primitive) {
            return computeAlignment(t);
        }
        Integer cached = ALIGNMENTS.get(t);
        if (cached == null) {
            cached = computeAlignment(t);
            remember(ALIGNMENTS, t, cached);
        }
        return cached;
    }

    public static int size(ValType t) {
        if (t instanceof ValType.Primitive) {
            return computeSize(t);
        }
        Integer cached = SIZES.get(t);
        if (cached == null) {
            cached = computeSize(t);
            remember(SIZES, t, cached);
        }
        return cached;
    }

    private static void remember(Map<ValType, Integer> cache, ValType t, int value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(t, value);
    }

    private static int computeAlignment(ValType t) {
        return switch (t) {
            case ValType.Primitive p -> switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR, STRING -> 4;
                case S64, U64, F64 -> 8;
            };
            case ValType.ListType l -> 4;
            case ValType.RecordType r -> maxAlignment(fieldTypes(r));
            case ValType.TupleType tu -> maxAlignment(tu.types());
            case ValType.VariantType v -> variantAlignment(v.cases());
            case ValType.EnumType e -> variantAlignment(enumCases(e));
            case ValType.OptionType o -> variantAlignment(optionCases(o));
            case ValType.ResultType r -> variantAlignment(resultCases(r));
            case ValType.FlagsType f -> flagsAlignment(f.names().size());
            case ValType.Own o -> 4;
            case ValType.Borrow b -> 4;
        };
    }

    private static int computeSize(ValType t) {
        return switch (t) {
            case ValType.Primitive p -> switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR -> 4;
                case S64, U64, F64, STRING -> 8;
            };
            case ValType.ListType l -> 8;
            case ValType.RecordType r -> recordSize(fieldTypes(r));
            case ValType.TupleType tu -> recordSize(tu.types());
            case ValType.VariantType v -> variantSize(v.cases());
            case ValType.EnumType e -> variantSize(enumCases(e));
            case ValType.OptionType o -> variantSize(optionCases(o));
            case ValType.ResultType r -> variantSize(resultCases(r));
            case ValType.FlagsType f -> flagsSize(f.names().size());
            case ValType.Own o -> 4;
            case ValType.Borrow b -> 4;
        };
    }

    /** Bytes of the stored discriminant: the smallest of 1, 2, 4 that counts every case. */
    public static int discriminantSize(int caseCount) {
        if (caseCount <= 1 << 8) {
            return 1;
        }
        if (caseCount <= 1 << 16) {
            return 2;
        }
        return 4;
    }

    /** Bytes of a flags value: 0, 1, 2, or 4 per started group of 32 flags. */
    public static int flagsSize(int count) {
        if (count == 0) {
            return 0;
        }
        if (count <= 8) {
            return 1;
        }
        if (count <= 16) {
            return 2;
        }
        return 4 * ((count + 31) / 32);
    }

    static int flagsAlignment(int count) {
        return count <= 8 ? 1 : count <= 16 ? 2 : 4;
    }

    public static long alignTo(long ptr, int alignment) {
        return (ptr + alignment - 1) / alignment * alignment;
    }

    /** Offset of each field in a record/tuple laid out in memory. */
    static int[] fieldOffsets(List<ValType> types) {
        int[] offsets = new int[types.size()];
        long s = 0;
        for (int i = 0; i < types.size(); i++) {
            s = alignTo(s, alignment(types.get(i)));
            offsets[i] = (int) s;
            s += size(types.get(i));
        }
        return offsets;
    }

    /** Offset of a variant's payload: after the discriminant, aligned for every case. */
    static int payloadOffset(List<Case> cases) {
        return (int) alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
    }

    static List<ValType> fieldTypes(ValType.RecordType r) {
        List<ValType> types = new ArrayList<>(r.fields().size());
        for (Field f : r.fields()) {
            types.add(f.type());
        }
        return types;
    }

    /** The cases of the variant an enum/option/result is specified as. */
    static List<Case> enumCases(ValType.EnumType e) {
        List<Case> cases = new ArrayList<>(e.names().size());
        for (String n : e.names()) {
            cases.add(new Case(n, Optional.empty()));
        }
        return cases;
    }

    static List<Case> optionCases(ValType.OptionType o) {
        return List.of(new Case("none", Optional.empty()), new Case("some", Optional.of(o.type())));
    }

    static List<Case> resultCases(ValType.ResultType r) {
        return List.of(new Case("ok", r.ok()), new Case("error", r.err()));
    }

    private static int maxAlignment(List<ValType> types) {
        int a = 1;
        for (ValType t : types) {
            a = Math.max(a, alignment(t));
        }
        return a;
    }

    private static int recordSize(List<ValType> types) {
        long s = 0;
        for (ValType t : types) {
            s = alignTo(s, alignment(t));
            s += size(t);
            checkSize(s);
        }
        return (int) alignTo(s, maxAlignment(types));
    }

    private static int maxCaseAlignment(List<Case> cases) {
        int a = 1;
        for (Case c : cases) {
            if (c.type().isPresent()) {
                a = Math.max(a, alignment(c.type().get()));
            }
        }
        return a;
    }

    private static int variantAlignment(List<Case> cases) {
        return Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases));
    }

    private static int variantSize(List<Case> cases) {
        long s = payloadOffset(cases);
        long cs = 0;
        for (Case c : cases) {
            if (c.type().isPresent()) {
                cs = Math.max(cs, size(c.type().get()));
            }
        }
        s += cs;
        checkSize(s);
        return (int) alignTo(s, variantAlignment(cases));
    }

    /** Types whose in-memory size overflows 32 bits cannot be stored by any guest. */
    private static void checkSize(long s) {
        if (s > Integer.MAX_VALUE) {
            throw new Trap("type too large: its in-memory size exceeds " + Integer.MAX_VALUE + " bytes");
        }
    }
}
