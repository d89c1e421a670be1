package dev.mowai.runner.component.wasi;

import static dev.mowai.runner.component.wasi.Wit.BOOL;
import static dev.mowai.runner.component.wasi.Wit.STRING;
import static dev.mowai.runner.component.wasi.Wit.U64;
import static dev.mowai.runner.component.wasi.Wit.U8;
import static dev.mowai.runner.component.wasi.Wit.borrow;
import static dev.mowai.runner.component.wasi.Wit.enumOf;
import static dev.mowai.runner.component.wasi.Wit.flags;
import static dev.mowai.runner.component.wasi.Wit.fn;
import static dev.mowai.runner.component.wasi.Wit.list;
import static dev.mowai.runner.component.wasi.Wit.method;
import static dev.mowai.runner.component.wasi.Wit.methodName;
import static dev.mowai.runner.component.wasi.Wit.option;
import static dev.mowai.runner.component.wasi.Wit.own;
import static dev.mowai.runner.component.wasi.Wit.record;
import static dev.mowai.runner.component.wasi.Wit.result;
import static dev.mowai.runner.component.wasi.Wit.tuple;
import static dev.mowai.runner.component.wasi.Wit.unit;
import static dev.mowai.runner.component.wasi.Wit.variant;
import static dev.mowai.runner.component.wasi.Wit.with;

import dev.mowai.runner.component.host.HostInterface;
import dev.mowai.runner.component.host.HostResource;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:filesystem/types} and {@code wasi:filesystem/preopens}: no directory is preopened, so
 * a guest can never hold a descriptor; libc-level opens fail inside the guest ({@code ENOENT}/
 * {@code ENOTCAPABLE}). Should a descriptor operation be reached anyway, it answers {@code bad-descriptor}.
 */
final class Filesystem {
    static final ResourceType DESCRIPTOR = new ResourceType("descriptor");
    static final ResourceType DIRECTORY_ENTRY_STREAM = new ResourceType("directory-entry-stream");

    static final HostResource DESCRIPTOR_RESOURCE = HostResource.withoutDestructor(DESCRIPTOR);
    static final HostResource DIRECTORY_ENTRY_STREAM_RESOURCE = HostResource.withoutDestructor(DIRECTORY_ENTRY_STREAM);

    static final ValType FILESIZE = U64;
    static final ValType DESCRIPTOR_TYPE = enumOf("unknown", "block-device", "character-device", "directory", "fifo",
            "symbolic-link", "regular-file", "socket");
    static final ValType DESCRIPTOR_FLAGS = flags("read", "write", "file-integrity-sync", "data-integrity-sync",
            "requested-write-sync", "mutate-directory");
    static final ValType DESCRIPTOR_STAT = record("type", DESCRIPTOR_TYPE, "link-count", U64, "size", FILESIZE,
            "data-access-timestamp", option(Clocks.DATETIME), "data-modification-timestamp", option(Clocks.DATETIME),
            "status-change-timestamp", option(Clocks.DATETIME));
    static final ValType PATH_FLAGS = flags("symlink-follow");
    static final ValType OPEN_FLAGS = flags("create", "directory", "exclusive", "truncate");
    static final ValType NEW_TIMESTAMP = variant(unit("no-change"), unit("now"), with("timestamp", Clocks.DATETIME));
    static final ValType DIRECTORY_ENTRY = record("type", DESCRIPTOR_TYPE, "name", STRING);
    static final List<String> ERROR_CODES = List.of("access", "would-block", "already", "bad-descriptor", "busy",
            "deadlock", "quota", "exist", "file-too-large", "illegal-byte-sequence", "in-progress", "interrupted",
            "invalid", "io", "is-directory", "loop", "too-many-links", "message-size", "name-too-long", "no-device",
            "no-entry", "no-lock", "insufficient-memory", "insufficient-space", "not-directory", "not-empty",
            "not-recoverable", "unsupported", "no-tty", "no-such-device", "overflow", "not-permitted", "pipe",
            "read-only", "invalid-seek", "text-file-busy", "cross-device");
    static final ValType ERROR_CODE = new ValType.EnumType(ERROR_CODES);
    static final ValType ADVICE = enumOf("normal", "sequential", "random", "will-need", "dont-need", "no-reuse");
    static final ValType METADATA_HASH_VALUE = record("lower", U64, "upper", U64);

    static final Val BAD_DESCRIPTOR = V.enumCase(ERROR_CODES.indexOf("bad-descriptor"));

    private Filesystem() {
    }

    /** The members of {@code descriptor} and {@code directory-entry-stream}, in WIT order. */
    static Map<String, FuncType> descriptorMethods() {
        Map<String, FuncType> m = new LinkedHashMap<>();
        ResourceType d = DESCRIPTOR;
        ValType unitResult = result(null, ERROR_CODE);
        m.put("read-via-stream", method(d).param("offset", FILESIZE).returns(result(own(Io.INPUT_STREAM), ERROR_CODE)));
        m.put("write-via-stream", method(d).param("offset", FILESIZE).returns(result(own(Io.OUTPUT_STREAM), ERROR_CODE)));
        m.put("append-via-stream", method(d).returns(result(own(Io.OUTPUT_STREAM), ERROR_CODE)));
        m.put("advise", method(d).params("offset", FILESIZE, "length", FILESIZE, "advice", ADVICE).returns(unitResult));
        m.put("sync-data", method(d).returns(unitResult));
        m.put("get-flags", method(d).returns(result(DESCRIPTOR_FLAGS, ERROR_CODE)));
        m.put("get-type", method(d).returns(result(DESCRIPTOR_TYPE, ERROR_CODE)));
        m.put("set-size", method(d).param("size", FILESIZE).returns(unitResult));
        m.put("set-times", method(d).params("data-access-timestamp", NEW_TIMESTAMP,
                "data-modification-timestamp", NEW_TIMESTAMP).returns(unitResult));
        m.put("read", method(d).params("length", FILESIZE, "offset", FILESIZE)
                .returns(result(tuple(list(U8), BOOL), ERROR_CODE)));
        m.put("write", method(d).params("buffer", list(U8), "offset", FILESIZE).returns(result(FILESIZE, ERROR_CODE)));
        m.put("read-directory", method(d).returns(result(own(DIRECTORY_ENTRY_STREAM), ERROR_CODE)));
        m.put("sync", method(d).returns(unitResult));
        m.put("create-directory-at", method(d).param("path", STRING).returns(unitResult));
        m.put("stat", method(d).returns(result(DESCRIPTOR_STAT, ERROR_CODE)));
        m.put("stat-at", method(d).params("path-flags", PATH_FLAGS, "path", STRING)
                .returns(result(DESCRIPTOR_STAT, ERROR_CODE)));
        m.put("set-times-at", method(d).params("path-flags", PATH_FLAGS, "path", STRING,
                "data-access-timestamp", NEW_TIMESTAMP, "data-modification-timestamp", NEW_TIMESTAMP).returns(unitResult));
        m.put("link-at", method(d).params("old-path-flags", PATH_FLAGS, "old-path", STRING,
                "new-descriptor", borrow(d), "new-path", STRING).returns(unitResult));
        m.put("open-at", method(d).params("path-flags", PATH_FLAGS, "path", STRING, "open-flags", OPEN_FLAGS,
                "flags", DESCRIPTOR_FLAGS).returns(result(own(d), ERROR_CODE)));
        m.put("readlink-at", method(d).param("path", STRING).returns(result(STRING, ERROR_CODE)));
        m.put("remove-directory-at", method(d).param("path", STRING).returns(unitResult));
        m.put("rename-at", method(d).params("old-path", STRING, "new-descriptor", borrow(d), "new-path", STRING)
                .returns(unitResult));
        m.put("symlink-at", method(d).params("old-path", STRING, "new-path", STRING).returns(unitResult));
        m.put("unlink-file-at", method(d).param("path", STRING).returns(unitResult));
        m.put("is-same-object", method(d).param("other", borrow(d)).returns(BOOL));
        m.put("metadata-hash", method(d).returns(result(METADATA_HASH_VALUE, ERROR_CODE)));
        m.put("metadata-hash-at", method(d).params("path-flags", PATH_FLAGS, "path", STRING)
                .returns(result(METADATA_HASH_VALUE, ERROR_CODE)));
        return m;
    }

    static List<HostInterface> interfaces(String version) {
        HostResource descriptor = DESCRIPTOR_RESOURCE;
        HostResource entries = DIRECTORY_ENTRY_STREAM_RESOURCE;
        String none = "no file descriptor can exist: the sandbox preopens no directory";
        HostInterface.Builder types = HostInterface.builder("wasi:filesystem/types", version)
                .resource(Io.INPUT_STREAM_RESOURCE)
                .resource(Io.OUTPUT_STREAM_RESOURCE)
                .resource(Io.ERROR_RESOURCE)
                .resource(descriptor)
                .resource(entries);
        descriptorMethods().forEach((name, type) ->
                types.function(methodName(DESCRIPTOR, name), type, Refusal.answer(type, BAD_DESCRIPTOR, none)));
        FuncType readEntry = method(DIRECTORY_ENTRY_STREAM).returns(result(option(DIRECTORY_ENTRY), ERROR_CODE));
        types.function(methodName(DIRECTORY_ENTRY_STREAM, "read-directory-entry"), readEntry,
                Refusal.answer(readEntry, BAD_DESCRIPTOR, none));
        // the only io errors of this host come from streams that are not files
        types.function("filesystem-error-code", fn().param("err", borrow(Io.ERROR)).returns(option(ERROR_CODE)),
                (c, a) -> {
                    V.rep(a.get(0), IoError.class);
                    return V.ret(V.NONE);
                });
        HostInterface preopens = HostInterface.builder("wasi:filesystem/preopens", version)
                .resource(descriptor)
                .function("get-directories", fn().returns(list(tuple(own(DESCRIPTOR), STRING))),
                        (c, a) -> V.ret(V.list(List.of())))
                .build();
        return List.of(types.build(), preopens);
    }
}
