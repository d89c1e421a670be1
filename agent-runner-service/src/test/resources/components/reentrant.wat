;; Exports "run", which calls the imported "callback" (so the host can try to re-enter),
;; and "ping", which returns 42.
(component
  (import "callback" (func $cb))
  (core func $cb-lowered (canon lower (func $cb)))
  (core instance $env (export "callback" (func $cb-lowered)))
  (core module $m
    (import "env" "callback" (func $callback))
    (func (export "run") call $callback)
    (func (export "ping") (result i32) i32.const 42)
  )
  (core instance $i (instantiate $m (with "env" (instance $env))))
  (func (export "run") (canon lift (core func $i "run")))
  (func (export "ping") (result u32) (canon lift (core func $i "ping")))
)
