;; A flags type with 40 members. The first component-model drafts allowed any number of flags
;; (lowered as ceil(n/32) i32s); the current spec caps flags at 32, and wasm-tools' validator
;; refuses this component ("cannot have more than 32 flags"). A runtime must refuse it with a
;; clear error (or, if it follows the old rule, echo the value through two i32s) — never crash.
;; Interface mowai:test/flags-40: echo-flags40(x: flags40) -> flags40.
(component
  (core module $m
    (memory (export "memory") 1)
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16)))
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (type $flags40 (flags "f0" "f1" "f2" "f3" "f4" "f5" "f6" "f7" "f8" "f9" "f10" "f11" "f12" "f13"
                        "f14" "f15" "f16" "f17" "f18" "f19" "f20" "f21" "f22" "f23" "f24" "f25" "f26"
                        "f27" "f28" "f29" "f30" "f31" "f32" "f33" "f34" "f35" "f36" "f37" "f38" "f39"))
  (func $echo (param "x" $flags40) (result $flags40) (canon lift (core func $i "echo") (memory $mem)))
  (instance $flags
    (export "flags40" (type $flags40))
    (export "echo-flags40" (func $echo)))
  (export "mowai:test/flags-40" (instance $flags))
)
