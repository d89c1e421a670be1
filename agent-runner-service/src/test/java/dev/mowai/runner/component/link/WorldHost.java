package dev.mowai.runner.component.link;

import dev.mowai.runner.component.host.HostLinker;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Primitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The agent world's five imports for link tests, recording what the guest did; host-llm echoes. */
final class WorldHost {
    static final ValType CONFIG = new ValType.RecordType(List.of(new ValType.Field("name", Primitive.STRING),
            new ValType.Field("color", Primitive.STRING), new ValType.Field("persona", Primitive.STRING)));

    final List<String> broadcasts = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    final List<String> prompts = new ArrayList<>();
    long clock = 1_764_000_000_000L;

    HostLinker linker() {
        return new HostLinker()
                .defineFunction("host-llm", func(List.of(param("prompt", Primitive.STRING)), Primitive.STRING),
                        (call, args) -> {
                            String prompt = str(args.get(0));
                            prompts.add(prompt);
                            return Optional.of(new Val.Str("echo: " + prompt));
                        })
                .defineFunction("broadcast", func(List.of(param("message", Primitive.STRING)), null),
                        (call, args) -> {
                            broadcasts.add(str(args.get(0)));
                            return Optional.empty();
                        })
                .defineFunction("now-ms", func(List.of(), Primitive.U64),
                        (call, args) -> Optional.of(new Val.U64(clock++)))
                .defineFunction("log", func(List.of(param("level", Primitive.STRING), param("message", Primitive.STRING)), null),
                        (call, args) -> {
                            logs.add(str(args.get(0)) + ": " + str(args.get(1)));
                            return Optional.empty();
                        })
                .defineFunction("get-config", func(List.of(), CONFIG),
                        (call, args) -> Optional.of(new Val.RecordVal(List.of(new Val.Str("Ada"), new Val.Str("#ff8800"),
                                new Val.Str("contrarian")))));
    }

    static FuncType func(List<FuncType.Param> params, ValType result) {
        return new FuncType(params, Optional.ofNullable(result));
    }

    static FuncType.Param param(String name, ValType type) {
        return new FuncType.Param(name, type);
    }

    static String str(Val v) {
        return ((Val.Str) v).value();
    }
}
