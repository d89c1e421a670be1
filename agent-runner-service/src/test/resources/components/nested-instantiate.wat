;; Instantiates a nested component: parsed, but not supported by the linker.
(component
  (component $inner
    (core module $m (func (export "f") (result i32) i32.const 7))
    (core instance $i (instantiate $m))
    (func (export "f") (result u32) (canon lift (core func $i "f")))
  )
  (instance $x (instantiate $inner))
  (alias export $x "f" (func $f))
  (export "f" (func $f))
)
