package dev.mowai.arena;

import dev.mowai.arena.protocol.Outbound;
import dev.mowai.arena.transcript.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A data directory whose transcript holds events 1–9 with 6 torn in half: a hole in the record. */
public class HoleyTranscript extends TempDataDir {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        StringBuilder lines = new StringBuilder();
        for (long seq = 1; seq <= 9; seq++) {
            String json = Outbound.globalTask(seq, "task-" + seq, "recorded task " + seq, seq).json();
            lines.append(seq == 6 ? json.substring(0, json.length() / 2) : json).append('\n');
        }
        try {
            Files.writeString(Path.of(config.get("mowai.data-dir")).resolve(Transcript.FILE_NAME), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }
}
