package org.dotlink.ingest.evtx;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reuses 64 KiB chunk buffers: a task takes one when its chunk is read and gives it back once the
 * chunk is parsed (events copy what they keep). Saves allocating and zeroing a buffer per chunk.
 */
final class ChunkBuffers {

    private static final ArrayBlockingQueue<byte[]> FREE = new ArrayBlockingQueue<>(64);

    private ChunkBuffers() {}

    static byte[] take() {
        byte[] b = FREE.poll();
        return b != null ? b : new byte[EvtxChunk.SIZE];
    }

    static void give(byte[] b) {
        FREE.offer(b); // dropped when the pool is full
    }
}
