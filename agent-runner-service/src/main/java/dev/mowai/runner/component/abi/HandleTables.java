package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.types.ResourceType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The resource handle table of one component instance. As in the canonical ABI there is one table
 * per instance holding handles of every resource type; each entry remembers its type, so a handle
 * used with the wrong type traps. Index 0 is never handed out; freed indices are reused.
 *
 * <p>Own handles may be lent for the duration of a host call (a {@code borrow} argument lifted from
 * the guest): while lent they cannot be moved out or dropped. Borrow handles given to the guest for an
 * export call must be dropped by the guest before that call returns. The call frames that track both
 * are opened and closed by {@link CanonicalAbi}'s entry points. One instance is never re-entered, so
 * frames nest strictly.
 */
public final class HandleTables {
    /**
     * Live handles one instance may hold by default. The spec allows 2^28 - 1, which a guest could fill
     * with {@code resource.new} to take gigabytes of host heap; agents use a few hundred at most.
     */
    public static final int DEFAULT_MAX_HANDLES = 1 << 16;

    private record Resource(boolean implementedHere, Consumer<Object> destructor) {}

    private static final class Handle {
        final ResourceType type;
        final Object rep;
        final boolean own;
        final CallFrame scope; // the export call a borrow handle belongs to; null for own handles
        int lends;

        Handle(ResourceType type, Object rep, boolean own, CallFrame scope) {
            this.type = type;
            this.rep = rep;
            this.own = own;
            this.scope = scope;
        }
    }

    private static final class CallFrame {
        final List<Handle> lenders = new ArrayList<>();
        int borrows;
    }

    private final List<Handle> entries = new ArrayList<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final Map<ResourceType, Resource> resources = new HashMap<>();
    private final ArrayDeque<CallFrame> frames = new ArrayDeque<>();

    private final int maxHandles;

    public HandleTables() {
        this(DEFAULT_MAX_HANDLES);
    }

    public HandleTables(int maxHandles) {
        if (maxHandles < 1 || maxHandles > (1 << 28) - 1) {
            throw new IllegalArgumentException("maxHandles must be between 1 and 2^28 - 1, was " + maxHandles);
        }
        this.maxHandles = maxHandles;
        entries.add(null); // index 0 is reserved: a zero handle is always invalid
    }

    /**
     * Declares how handles of {@code type} are treated in this instance.
     *
     * @param implementedHere true when this instance defines the resource (its reps are the guest's
     *                        i32s, and borrows passed into it are the bare rep)
     * @param destructor      run with the rep when an own handle is dropped; null for none
     */
    public void defineResource(ResourceType type, boolean implementedHere, Consumer<Object> destructor) {
        resources.put(type, new Resource(implementedHere, destructor));
    }

    boolean implementedHere(ResourceType type) {
        Resource r = resources.get(type);
        return r != null && r.implementedHere;
    }

    /** Adds an own handle (lowering {@code own<T>}, or {@code resource.new}); returns its index. */
    public int insertOwn(ResourceType type, Object rep) {
        return add(new Handle(type, rep, true, null));
    }

    /** Moves an own handle out of the table (lifting {@code own<T>}); returns its rep. */
    public Object removeOwn(ResourceType type, int index) {
        Handle h = get(type, index);
        if (!h.own) {
            throw new Trap("handle " + index + " is a borrow of " + type.name() + ", an own handle was expected");
        }
        if (h.lends != 0) {
            throw new Trap("own handle " + index + " of " + type.name() + " is lent out (" + h.lends
                    + " borrow(s) active) and cannot be moved");
        }
        release(index);
        return h.rep;
    }

    /** The rep behind a handle ({@code resource.rep}), without changing the table. */
    public Object rep(ResourceType type, int index) {
        return get(type, index).rep;
    }

    /**
     * {@code resource.drop}: removes the handle; for an own handle runs the resource's destructor,
     * for a borrow handle ends that borrow.
     */
    public void drop(ResourceType type, int index) {
        Handle h = get(type, index);
        if (h.lends != 0) {
            throw new Trap("handle " + index + " of " + type.name() + " is lent out (" + h.lends
                    + " borrow(s) active) and cannot be dropped");
        }
        release(index);
        if (h.own) {
            Resource r = resources.get(type);
            if (r != null && r.destructor != null) {
                r.destructor.accept(h.rep);
            }
        } else {
            h.scope.borrows--;
        }
    }

    /** Number of live handles (for tests and diagnostics). */
    public int liveHandles() {
        return entries.size() - 1 - free.size();
    }

    /**
     * Lifting {@code borrow<T>} from this instance: lends the handle (own or borrow) until the
     * current call ends, so it cannot be moved or dropped meanwhile.
     */
    Object lend(ResourceType type, int index) {
        Handle h = get(type, index);
        h.lends++;
        currentFrame("borrow<" + type.name() + ">").lenders.add(h);
        return h.rep;
    }

    /** Lowering {@code borrow<T>} into this instance for the current export call. */
    int lowerBorrow(ResourceType type, Object rep) {
        if (implementedHere(type)) {
            return repAsI32(type, rep);
        }
        CallFrame frame = currentFrame("borrow<" + type.name() + ">");
        int index = add(new Handle(type, rep, false, frame));
        frame.borrows++;
        return index;
    }

    static int repAsI32(ResourceType type, Object rep) {
        if (rep instanceof Integer i) {
            return i;
        }
        throw new Trap("rep of guest resource " + type.name() + " must be an i32, got " + rep);
    }

    void enterCall() {
        frames.push(new CallFrame());
    }

    /** Ends the innermost call: returns lent handles; traps if the guest kept borrows of it. */
    void exitCall() {
        CallFrame frame = abandonCall();
        if (frame.borrows != 0) {
            throw new Trap("the call returned while " + frame.borrows
                    + " borrowed handle(s) passed to it were not dropped");
        }
    }

    /** Ends the innermost call after a failure: returns lent handles, checks nothing. */
    CallFrame abandonCall() {
        CallFrame frame = frames.pop();
        for (Handle h : frame.lenders) {
            h.lends--;
        }
        return frame;
    }

    private CallFrame currentFrame(String what) {
        CallFrame frame = frames.peek();
        if (frame == null) {
            throw new IllegalStateException(what + " outside of a call");
        }
        return frame;
    }

    private int add(Handle h) {
        Integer reused = free.poll();
        if (reused != null) {
            entries.set(reused, h);
            return reused;
        }
        if (entries.size() > maxHandles) {
            throw new Trap("handle table is full: " + maxHandles + " live handles per instance (drop the handles"
                    + " that are no longer needed)");
        }
        entries.add(h);
        return entries.size() - 1;
    }

    private Handle get(ResourceType type, int index) {
        Handle h = index > 0 && index < entries.size() ? entries.get(index) : null;
        if (h == null) {
            throw new Trap("invalid handle " + Integer.toUnsignedString(index) + " for " + type.name()
                    + " (never created or already dropped)");
        }
        if (h.type != type) {
            throw new Trap("handle " + index + " is a " + h.type.name() + ", not a " + type.name());
        }
        return h;
    }

    private void release(int index) {
        entries.set(index, null);
        free.push(index);
    }
}
