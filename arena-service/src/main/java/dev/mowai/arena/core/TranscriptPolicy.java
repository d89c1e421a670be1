package dev.mowai.arena.core;

import java.util.ArrayList;
import java.util.List;

/**
 * When the transcript forces its bytes to disk and when it starts a new file. Pure: the shell
 * passes sizes and the monotonic clock in and does what the answers say.
 *
 * @param sync          when appended lines are forced to the storage device
 * @param intervalNanos with {@link Sync#INTERVAL}: the longest time a line stays only in the page cache
 * @param maxBytes      the active file is rotated once it reaches this size; 0: never
 * @param keepFiles     rotated files kept besides the active one ({@code transcript.1.jsonl} newest); 0: none
 */
public record TranscriptPolicy(Sync sync, long intervalNanos, long maxBytes, int keepFiles) {

    public enum Sync {
        /** Force after every event: nothing anyone saw is lost even to a power cut, at a disk flush per event. */
        ALWAYS,
        /** Force at most every interval while lines are pending: a power cut loses at most that long. */
        INTERVAL,
        /** Leave it to the OS; a crash of the service still loses nothing, a power cut may lose more. */
        NEVER
    }

    public TranscriptPolicy {
        if (sync == null) throw new IllegalArgumentException("mowai.transcript.fsync must be always, interval or never");
        if (sync == Sync.INTERVAL && intervalNanos <= 0) {
            throw new IllegalArgumentException("mowai.transcript.fsync-interval must be positive with fsync=interval");
        }
        if (maxBytes < 0) throw new IllegalArgumentException("mowai.transcript.max-bytes must be 0 (no rotation) or positive: " + maxBytes);
        if (keepFiles < 0) throw new IllegalArgumentException("mowai.transcript.keep-files must not be negative: " + keepFiles);
    }

    /** Whether to force right after an append at {@code now}, the last force having been at {@code lastSync}. */
    public boolean syncAfterAppend(long now, long lastSync) {
        return switch (sync) {
            case ALWAYS -> true;
            // Under steady traffic the interval is kept by the appends themselves; the tick covers quiet times.
            case INTERVAL -> now - lastSync >= intervalNanos;
            case NEVER -> false;
        };
    }

    /** Whether a periodic check at {@code now} should force lines appended but not forced yet ({@code pending}). */
    public boolean syncOnTick(long now, long lastSync, boolean pending) {
        return pending && sync == Sync.INTERVAL && now - lastSync >= intervalNanos;
    }

    /**
     * Whether the active file, {@code fileBytes} long of which its head (the state compacted into it at
     * the last rotation) takes {@code headBytes}, should be rotated. Besides reaching max-bytes, at least
     * half the file must be new since its head: a head near max-bytes would otherwise rotate on every
     * event. A file therefore stays below max(max-bytes, twice the compacted state).
     */
    public boolean rotate(long fileBytes, long headBytes) {
        return maxBytes > 0 && fileBytes >= maxBytes && fileBytes - headBytes >= headBytes;
    }

    /** One file operation of a rotation, in the order given; names are relative to the data directory. */
    public sealed interface Step {
        record Delete(String name) implements Step {}

        record Rename(String from, String to) implements Step {}
    }

    /**
     * Moves the active file {@code active} out of the way: the oldest kept file goes, the others move
     * one number up, the active file becomes number 1 (or goes, when none are kept). A rotated file's
     * name is the active name with the number before the extension: {@code transcript.2.jsonl}.
     */
    public List<Step> rotationSteps(String active) {
        List<Step> steps = new ArrayList<>();
        if (keepFiles == 0) {
            steps.add(new Step.Delete(active));
            return steps;
        }
        steps.add(new Step.Delete(rotatedName(active, keepFiles)));
        for (int k = keepFiles - 1; k >= 1; k--) steps.add(new Step.Rename(rotatedName(active, k), rotatedName(active, k + 1)));
        steps.add(new Step.Rename(active, rotatedName(active, 1)));
        return steps;
    }

    public static String rotatedName(String active, int k) {
        int dot = active.lastIndexOf('.');
        return dot < 0 ? active + "." + k : active.substring(0, dot) + "." + k + active.substring(dot);
    }
}
