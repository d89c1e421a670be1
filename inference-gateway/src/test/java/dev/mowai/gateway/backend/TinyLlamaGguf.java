package dev.mowai.gateway.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny llama-architecture model in GGUF v3 with random weights (~0.5 MB): enough for
 * llama.cpp to load, tokenize and generate (gibberish), so the embedded backend is tested without
 * downloading anything. Vocabulary: SentencePiece-style with byte fallback, so every input tokenizes.
 */
final class TinyLlamaGguf {

    private static final int EMBD = 64, HEADS = 4, FF = 128, BLOCKS = 2, CTX = 256;
    private static final int T_U32 = 4, T_I32 = 5, T_F32 = 6, T_STRING = 8, T_ARRAY = 9;
    private static final int ALIGN = 32;

    private TinyLlamaGguf() {}

    static Path write(Path file, long seed) throws IOException {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3)); // unknown, control, control
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(6); // byte
        }
        for (String piece : "▁ ▁the ▁a e t o a n i s r h l d".split(" ")) {
            tokens.add(piece);
            types.add(1); // normal
        }
        int vocab = tokens.size();

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("general.architecture", "llama");
        kv.put("general.name", "mowai-tiny-random");
        kv.put("llama.context_length", CTX);
        kv.put("llama.embedding_length", EMBD);
        kv.put("llama.block_count", BLOCKS);
        kv.put("llama.feed_forward_length", FF);
        kv.put("llama.attention.head_count", HEADS);
        kv.put("llama.attention.head_count_kv", HEADS);
        kv.put("llama.rope.dimension_count", EMBD / HEADS);
        kv.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        kv.put("tokenizer.ggml.model", "llama");
        kv.put("tokenizer.ggml.tokens", tokens);
        float[] scores = new float[vocab];
        for (int i = 0; i < vocab; i++) scores[i] = -i;
        kv.put("tokenizer.ggml.scores", scores);
        kv.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        kv.put("tokenizer.ggml.bos_token_id", 1);
        kv.put("tokenizer.ggml.eos_token_id", 2);
        kv.put("tokenizer.ggml.unknown_token_id", 0);

        Map<String, long[]> tensors = new LinkedHashMap<>(); // name -> dims, fastest-varying first
        tensors.put("token_embd.weight", new long[] {EMBD, vocab});
        tensors.put("output_norm.weight", new long[] {EMBD});
        tensors.put("output.weight", new long[] {EMBD, vocab});
        for (int b = 0; b < BLOCKS; b++) {
            String p = "blk." + b + ".";
            tensors.put(p + "attn_norm.weight", new long[] {EMBD});
            for (String w : List.of("attn_q", "attn_k", "attn_v", "attn_output")) tensors.put(p + w + ".weight", new long[] {EMBD, EMBD});
            tensors.put(p + "ffn_norm.weight", new long[] {EMBD});
            tensors.put(p + "ffn_gate.weight", new long[] {EMBD, FF});
            tensors.put(p + "ffn_up.weight", new long[] {EMBD, FF});
            tensors.put(p + "ffn_down.weight", new long[] {FF, EMBD});
        }

        Out out = new Out();
        out.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors.size()).u64(kv.size());
        kv.forEach((k, v) -> out.str(k).value(v));
        long offset = 0;
        for (var t : tensors.entrySet()) {
            out.str(t.getKey()).u32(t.getValue().length);
            for (long d : t.getValue()) out.u64(d);
            out.u32(0).u64(offset); // F32
            offset = align(offset + 4 * elements(t.getValue()));
        }
        out.pad();
        Random rnd = new Random(seed);
        for (var t : tensors.entrySet()) {
            long n = elements(t.getValue());
            boolean norm = t.getKey().contains("norm");
            for (long i = 0; i < n; i++) out.f32(norm ? 1f : (float) (rnd.nextGaussian() * 0.05));
            out.pad();
        }
        Files.write(file, out.bytes());
        return file;
    }

    private static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) n *= d;
        return n;
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Little-endian GGUF writer. */
    private static final class Out {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        private Out room(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
            return this;
        }

        Out raw(byte[] b) { room(b.length).buf.put(b); return this; }
        Out u32(int v) { room(4).buf.putInt(v); return this; }
        Out u64(long v) { room(8).buf.putLong(v); return this; }
        Out f32(float v) { room(4).buf.putFloat(v); return this; }
        Out str(String s) { byte[] b = s.getBytes(StandardCharsets.UTF_8); return u64(b.length).raw(b); }
        Out pad() { while (buf.position() % ALIGN != 0) room(1).buf.put((byte) 0); return this; }

        @SuppressWarnings("unchecked")
        Out value(Object v) {
            switch (v) {
                case String s -> u32(T_STRING).str(s);
                case Integer i -> u32(T_U32).u32(i);
                case Float f -> u32(T_F32).f32(f);
                case float[] a -> { u32(T_ARRAY).u32(T_F32).u64(a.length); for (float f : a) f32(f); }
                case int[] a -> { u32(T_ARRAY).u32(T_I32).u64(a.length); for (int i : a) u32(i); }
                case List<?> l -> { u32(T_ARRAY).u32(T_STRING).u64(l.size()); ((List<String>) l).forEach(this::str); }
                default -> throw new IllegalArgumentException("unsupported GGUF value " + v);
            }
            return this;
        }

        byte[] bytes() {
            byte[] b = new byte[buf.position()];
            buf.flip().get(b);
            return b;
        }
    }
}
