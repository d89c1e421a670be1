package dev.mowai.runner.component.binary;

/**
 * Sizes of the index spaces of one scope (a component, or a component/instance type declarator),
 * so the parser can reject any reference to an index that does not exist yet.
 */
final class IndexSpaces {
    private final IndexSpaces outer;
    private final int[] counts = new int[Sort.values().length];

    IndexSpaces(IndexSpaces outer) {
        this.outer = outer;
    }

    void add(Sort sort) {
        counts[sort.ordinal()]++;
    }

    void add(Sort sort, int n) {
        counts[sort.ordinal()] += n;
    }

    int count(Sort sort) {
        return counts[sort.ordinal()];
    }

    void check(BinaryReader in, Sort sort, int index, String what, long offset) {
        if (index >= count(sort)) {
            throw in.errorAt(what + " refers to " + sort + " " + index + " but only " + count(sort)
                    + " " + sort + (count(sort) == 1 ? " is" : "s are") + " defined so far", offset);
        }
    }

    /** The scope {@code n} levels out (0 = this one), or null when there are not that many. */
    IndexSpaces outer(int n) {
        IndexSpaces s = this;
        for (int i = 0; i < n && s != null; i++) {
            s = s.outer;
        }
        return s;
    }
}
