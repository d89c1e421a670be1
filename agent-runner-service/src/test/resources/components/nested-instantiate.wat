;; Instantiates a nested component that has its own core module and lifts a function; the outer
;; component re-exports it.
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
