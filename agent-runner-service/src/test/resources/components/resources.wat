;; A component that defines and exports a resource with a destructor: resource.new/rep/drop,
;; own and borrow handles across the boundary. Rebuild the .wasm with ./build.sh.
(component
  (core module $state
    (global $drops (export "drops") (mut i32) (i32.const 0))
    (global $last (export "last") (mut i32) (i32.const 0))
    (func (export "dtor") (param i32)
      local.get 0 global.set $last
      global.get $drops i32.const 1 i32.add global.set $drops)
  )
  (core instance $state (instantiate $state))
  (alias core export $state "dtor" (core func $dtor))
  (type $r (resource (rep i32) (dtor (core func $dtor))))
  (core func $new (canon resource.new $r))
  (core func $rep (canon resource.rep $r))
  (core func $drop (canon resource.drop $r))
  (core instance $res (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop)))
  (core module $m
    (import "res" "new" (func $new (param i32) (result i32)))
    (import "res" "rep" (func $rep (param i32) (result i32)))
    (import "res" "drop" (func $drop (param i32)))
    (import "state" "drops" (global $drops (mut i32)))
    (import "state" "last" (global $last (mut i32)))
    ;; the representation is v + 100
    (func (export "make") (param i32) (result i32) local.get 0 i32.const 100 i32.add call $new)
    ;; a borrow of a resource implemented here arrives as its representation
    (func (export "get") (param i32) (result i32) local.get 0)
    ;; takes ownership: reads the representation, then drops the handle (runs the destructor)
    (func (export "consume") (param i32) (result i32)
      (local $v i32)
      local.get 0 call $rep local.set $v
      local.get 0 call $drop
      local.get $v)
    (func (export "drop-twice") (param i32)
      local.get 0 call $drop
      local.get 0 call $drop)
    (func (export "drops") (result i32) global.get $drops)
    (func (export "last") (result i32) global.get $last)
  )
  (core instance $i (instantiate $m (with "res" (instance $res)) (with "state" (instance $state))))
  (export $R "r" (type $r))
  (func (export "make") (param "v" u32) (result (own $R)) (canon lift (core func $i "make")))
  (func (export "get") (param "h" (borrow $R)) (result u32) (canon lift (core func $i "get")))
  (func (export "consume") (param "h" (own $R)) (result u32) (canon lift (core func $i "consume")))
  (func (export "drop-twice") (param "h" (own $R)) (canon lift (core func $i "drop-twice")))
  (func (export "drops") (result u32) (canon lift (core func $i "drops")))
  (func (export "last") (result u32) (canon lift (core func $i "last")))
)
