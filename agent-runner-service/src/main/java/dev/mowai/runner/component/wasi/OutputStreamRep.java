package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.abi.Trap;

/**
 * The representation of a {@code wasi:io/streams.output-stream}. The sinks of this sandbox never
 * block and take every write at once (so a flush has nothing to wait for; log lines end at
 * newlines, see {@link LogChannel}), and {@code check-write} always grants {@link #PERMIT} bytes. The size rules of the WASI
 * spec are enforced as wasmtime does: a write larger than the permit, or a blocking write of more
 * than 4096 bytes, traps.
 */
abstract class OutputStreamRep {
    static final long PERMIT = 1024 * 1024;
    static final int BLOCKING_MAX = 4096;

    private final String name;
    private boolean closed;

    OutputStreamRep(String name) {
        this.name = name;
    }

    /** Takes bytes the guest wrote. */
    abstract void accept(byte[] data, int off, int len);

    /** Takes {@code count} zero bytes. */
    abstract void acceptZeroes(long count);

    /** The guest dropped its handle: nothing more will come through it. */
    abstract void dropped();

    boolean closed() {
        return closed;
    }

    /** After this, every operation reports {@code closed}. */
    void close() {
        closed = true;
    }

    void checkWriteSize(long len, String operation) {
        if (Long.compareUnsigned(len, PERMIT) > 0) {
            throw new Trap(operation + " of " + Long.toUnsignedString(len) + " bytes on " + this
                    + " exceeds the " + PERMIT + " bytes check-write permits");
        }
    }

    void checkBlockingSize(long len, String operation) {
        if (Long.compareUnsigned(len, BLOCKING_MAX) > 0) {
            throw new Trap(operation + " of " + Long.toUnsignedString(len) + " bytes on " + this
                    + " exceeds the " + BLOCKING_MAX + " bytes one blocking write may carry");
        }
    }

    @Override
    public String toString() {
        return "output-stream " + name;
    }

    /** stdout or stderr: bytes become log lines. */
    static final class ToLog extends OutputStreamRep {
        private final LogChannel channel;

        ToLog(String name, LogChannel channel) {
            super(name);
            this.channel = channel;
        }

        @Override
        void accept(byte[] data, int off, int len) {
            channel.write(data, off, len);
        }

        @Override
        void acceptZeroes(long count) {
            channel.writeZeroes(count);
        }

        @Override
        void dropped() {
            channel.flush();
        }
    }

    /** A sink that counts and discards, for request bodies that can never be sent. */
    static final class Discarding extends OutputStreamRep {
        private long count;

        Discarding(String name) {
            super(name);
        }

        @Override
        void accept(byte[] data, int off, int len) {
            count += len;
        }

        @Override
        void acceptZeroes(long n) {
            count += n;
        }

        @Override
        void dropped() {
        }

        long count() {
            return count;
        }
    }
}
