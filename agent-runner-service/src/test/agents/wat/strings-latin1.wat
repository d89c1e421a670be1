;; Strings in latin1+utf16 ("compact-utf16"), hand-written. jco 1.35 cannot transpile this
;; encoding (js-component-bindgen asserts utf8/utf16), so there is no Node reference: the expected
;; results are the ones below (see ../README.md). Interface mowai:test/strings-latin1:
;;   latin1-echo: string -> string (the same {ptr,len-word} handed back)
;;   latin1-tagged-len: string -> u32 (the raw length word: the host chooses latin1 when every
;;     char is <= U+00FF, giving the plain length, else utf16 with bit 31 set: "caf\u00e9" -> 4,
;;     "\u00e9🌍" -> 0x80000003)
;;   latin1-make: -> "caf\u00e9" stored as latin1 (4 bytes E9 last)
;;   latin1-make-utf16: -> "🌍!" stored as UTF-16LE with the utf16 tag (len word 0x80000003)
(component
  (core module $m
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    ;; "h\u00e9llo 🌍" in UTF-16LE at 256 (8 units): h é l l o space D83C DF0D
    (data (i32.const 256) "h\00\e9\00l\00l\00o\00 \00\3c\d8\0d\df")
    ;; "caf\u00e9" in latin1 at 288
    (data (i32.const 288) "caf\e9")
    ;; "🌍!" in UTF-16LE at 296 (3 units)
    (data (i32.const 296) "\3c\d8\0d\df!\00")
    ;; invalid utf-8 at 304, lone surrogate at 308
    (data (i32.const 304) "\ff\fe")
    (data (i32.const 308) "\00\d8")

    (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new i32) (result i32)
      (local $p i32) (local $i i32)
      (local.set $p (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
      (global.set $heap (i32.add (local.get $p) (local.get $new)))
      (block $enough
        (loop $grow
          (br_if $enough (i32.le_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536))))
          (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
          (br $grow)))
      ;; latin1+utf16 lowering may shrink or grow the first guess: keep the old contents
      (block $done
        (loop $copy
          (br_if $done (i32.ge_u (local.get $i) (select (local.get $old_size) (local.get $new)
                                                       (i32.lt_u (local.get $old_size) (local.get $new)))))
          (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.load8_u (i32.add (local.get $old) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $copy)))
      (local.get $p))

    (func $ret (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))
    (func (export "pair") (param i32 i32) (result i32) (call $ret (local.get 0) (local.get 1)))
    (func (export "len") (param i32 i32) (result i32) (local.get 1))
    (func (export "utf16-make") (result i32) (call $ret (i32.const 256) (i32.const 8)))
    (func (export "latin1-make") (result i32) (call $ret (i32.const 288) (i32.const 4)))
    (func (export "latin1-make-utf16") (result i32) (call $ret (i32.const 296) (i32.const 0x80000003)))
    (func (export "utf8-bad") (result i32) (call $ret (i32.const 304) (i32.const 2)))
    (func (export "utf16-bad") (result i32) (call $ret (i32.const 308) (i32.const 1)))
    (func (export "utf16-misaligned") (result i32) (call $ret (i32.const 257) (i32.const 2)))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (func $latin1-echo (param "s" string) (result string)
    (canon lift (core func $i "pair") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func $latin1-tagged-len (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
  (func $latin1-make (result string)
    (canon lift (core func $i "latin1-make") (memory $mem) string-encoding=latin1+utf16))
  (func $latin1-make-utf16 (result string)
    (canon lift (core func $i "latin1-make-utf16") (memory $mem) string-encoding=latin1+utf16))


  (instance $strings
    (export "latin1-echo" (func $latin1-echo))
    (export "latin1-tagged-len" (func $latin1-tagged-len))
    (export "latin1-make" (func $latin1-make))
    (export "latin1-make-utf16" (func $latin1-make-utf16)))
  (export "mowai:test/strings-latin1" (instance $strings))
)
