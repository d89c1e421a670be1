package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.abi.Flattening.Context;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entry points of the canonical ABI for the two directions of a call.
 *
 * <p>Guest export called by the host ({@code canon lift}): {@link #lowerArguments}, call the core
 * function, {@link #liftResult} (always, also for functions without result: it closes the call's
 * borrow scope), then run post-return. Host import called by the guest ({@code canon lower}):
 * {@link #liftArguments}, run the host function, {@link #lowerResult} (always). When anything in
 * between fails the instance traps and is never entered again, so nothing needs undoing.
 *
 * <p>Core values are boxed as {@link Integer} (i32), {@link Long} (i64), {@link Float}, {@link Double}.
 */
public final class CanonicalAbi {
    private CanonicalAbi() {}

    /** Flat core parameter types of the core function (after spilling) in the given direction. */
    public static List<CoreType> flattenParams(FuncType ft, Context context) {
        return Flattening.flattenFunc(ft, context).params();
    }

    /** Flat core result types of the core function (after spilling) in the given direction. */
    public static List<CoreType> flattenResults(FuncType ft, Context context) {
        return Flattening.flattenFunc(ft, context).results();
    }

    /**
     * Host → guest export: turns the host's arguments into core arguments, allocating strings,
     * lists and (beyond 16 flat values) the spilled argument tuple with the guest's realloc. The
     * values are checked against their types and the boundary caps before the guest is touched.
     */
    public static Object[] lowerArguments(FuncType ft, List<Val> args, CanonOptions opts, HandleTables tables) {
        ValType.TupleType tuple = paramTuple(ft);
        Val.TupleVal argTuple = new Val.TupleVal(args);
        new HostValues(opts).check(tuple, argTuple);
        tables.enterCall();
        try {
            Lowerer lowerer = new Lowerer(opts, tables);
            if (Flattening.flatParamTypes(ft).size() > Flattening.MAX_FLAT_PARAMS) {
                long ptr = Strings.realloc(opts, 0, 0, Layout.alignment(tuple), Layout.size(tuple));
                lowerer.storeChecked(tuple, argTuple, ptr, "spilled arguments (from realloc)");
                return new Object[] {(int) ptr};
            }
            List<Object> out = new ArrayList<>();
            lowerer.lowerFlat(tuple, argTuple, out);
            return out.toArray();
        } catch (RuntimeException e) {
            tables.abandonCall();
            throw e;
        }
    }

    /**
     * Host ← guest export: lifts the core result ({@code null} when the core function returns
     * nothing) and ends the call, which traps if the guest still holds borrows it was given.
     */
    public static Optional<Val> liftResult(FuncType ft, Object coreResult, CanonOptions opts, HandleTables tables) {
        Optional<Val> result;
        try {
            result = ft.result().map(t -> {
                Lifter lifter = new Lifter(opts, tables);
                if (Flattening.flatResultTypes(ft).size() > Flattening.MAX_FLAT_RESULTS) {
                    long ptr = Integer.toUnsignedLong(coreI32(coreResult, "result pointer"));
                    return lifter.loadChecked(t, ptr, "result");
                }
                return lifter.liftFlat(t, new Lifter.FlatReader(new Object[] {coreResult}, 0));
            });
        } catch (RuntimeException e) {
            tables.abandonCall();
            throw e;
        }
        tables.exitCall();
        return result;
    }

    /** Guest → host import: lifts the guest's core arguments (a pointer to them beyond 16 flat values). */
    public static List<Val> liftArguments(FuncType ft, Object[] coreArgs, CanonOptions opts, HandleTables tables) {
        tables.enterCall();
        try {
            Lifter lifter = new Lifter(opts, tables);
            ValType.TupleType tuple = paramTuple(ft);
            Val.TupleVal args;
            if (Flattening.flatParamTypes(ft).size() > Flattening.MAX_FLAT_PARAMS) {
                long ptr = Integer.toUnsignedLong(coreI32(coreArgs.length > 0 ? coreArgs[0] : null, "argument pointer"));
                args = (Val.TupleVal) lifter.loadChecked(tuple, ptr, "spilled arguments");
            } else {
                args = (Val.TupleVal) lifter.liftFlat(tuple, new Lifter.FlatReader(coreArgs, 0));
            }
            return args.elements();
        } catch (RuntimeException e) {
            tables.abandonCall();
            throw e;
        }
    }

    /**
     * Guest ← host import: lowers the host's result; returns the core result, or null when there is
     * none or it was written through the return pointer (the last core argument) because it spilled.
     */
    public static Object lowerResult(FuncType ft, Optional<Val> result, Object[] coreArgs, CanonOptions opts,
                                     HandleTables tables) {
        try {
            if (ft.result().isEmpty()) {
                if (result.isPresent()) {
                    throw new Trap("host value: the function has no result but " + result.get() + " was returned");
                }
                return null;
            }
            ValType t = ft.result().get();
            Val v = result.orElseThrow(() -> new Trap("host value: the function must return a " + t + ", got nothing"));
            new HostValues(opts).check(t, v);
            Lowerer lowerer = new Lowerer(opts, tables);
            if (Flattening.flatResultTypes(ft).size() > Flattening.MAX_FLAT_RESULTS) {
                Object retptr = coreArgs.length > 0 ? coreArgs[coreArgs.length - 1] : null;
                lowerer.storeChecked(t, v, Integer.toUnsignedLong(coreI32(retptr, "return pointer")), "return");
                return null;
            }
            List<Object> out = new ArrayList<>(1);
            lowerer.lowerFlat(t, v, out);
            return out.isEmpty() ? null : out.getFirst();
        } finally {
            tables.abandonCall();
        }
    }

    private static ValType.TupleType paramTuple(FuncType ft) {
        List<ValType> types = new ArrayList<>(ft.params().size());
        for (FuncType.Param p : ft.params()) {
            types.add(p.type());
        }
        return new ValType.TupleType(types);
    }

    private static int coreI32(Object v, String what) {
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException(what + " must be an i32 core value, got " + v);
    }
}
