package org.dotlink.ingest.evtx;

/** A structure inside an EVTX chunk is not what the format says; carries the chunk-relative offset. */
final class EvtxFormatException extends RuntimeException {

    private final int offset;

    EvtxFormatException(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    /** Offset inside the chunk where the unexpected bytes are. */
    int offset() {
        return offset;
    }
}
