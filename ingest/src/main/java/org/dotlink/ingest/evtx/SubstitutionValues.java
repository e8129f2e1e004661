package org.dotlink.ingest.evtx;

/**
 * Where a template instance's substitution values lie in the chunk: for value {@code i}, its type,
 * its chunk-relative offset and its size in bytes. Values are decoded only when rendered.
 */
record SubstitutionValues(int[] types, int[] offsets, int[] sizes) {

    static final SubstitutionValues NONE = new SubstitutionValues(new int[0], new int[0], new int[0]);

    int count() {
        return types.length;
    }

    /** True when value {@code i} is missing or of the NULL type: an optional substitution then vanishes. */
    boolean isNull(int i) {
        return i >= types.length || types[i] == ValueType.NULL;
    }

    /** True when value {@code i} is NULL or holds no bytes: it renders as "". */
    boolean isEmpty(int i) {
        return isNull(i) || sizes[i] == 0;
    }
}
