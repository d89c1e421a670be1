;; A guest-defined resource with a destructor, hand-written: own and borrow handles both ways.
;; Interface mowai:test/resources — see ../README.md:
;;   resource counter, rep = address of its u32 count in linear memory
;;   [constructor]counter(start: u32) -> own<counter>      resource.new
;;   [method]counter.incr(self: borrow<counter>) -> u32    the borrow lifts to the rep: count += 1
;;   [method]counter.get(self: borrow<counter>) -> u32
;;   consume(c: own<counter>) -> u32                        the guest takes the handle, reads its rep
;;                                                          and drops it: the destructor runs
;;   dropped() -> u32                                       how many times the destructor ran
;;   live() -> u32                                          counters created and not yet destroyed
;; The destructor lives in a first core module that owns the memory, so the resource type can
;; name it before the main module (which imports resource.new/rep/drop) is instantiated.
(component
  (core module $state
    (memory (export "memory") 1)
    ;; 0: destructor runs, 4: live counters, 8: next free cell; cells from 64 on, 4 bytes each
    (data (i32.const 8) "\40\00\00\00")
    (func (export "dtor") (param $rep i32)
      (if (i32.eqz (local.get $rep)) (then unreachable))
      (i32.store (local.get $rep) (i32.const 0xdead))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
      (i32.store (i32.const 4) (i32.sub (i32.load (i32.const 4)) (i32.const 1)))))
  (core instance $s (instantiate $state))
  (alias core export $s "memory" (core memory $mem))

  (type $counter (resource (rep i32) (dtor (core func $s "dtor"))))
  (core func $new (canon resource.new $counter))
  (core func $rep (canon resource.rep $counter))
  (core func $drop (canon resource.drop $counter))

  (core module $main
    (import "env" "memory" (memory 1))
    (import "env" "new" (func $new (param i32) (result i32)))
    (import "env" "rep" (func $rep (param i32) (result i32)))
    (import "env" "drop" (func $drop (param i32)))
    (func (export "constructor") (param $start i32) (result i32)
      (local $cell i32)
      (local.set $cell (i32.load (i32.const 8)))
      (i32.store (i32.const 8) (i32.add (local.get $cell) (i32.const 4)))
      (i32.store (local.get $cell) (local.get $start))
      (i32.store (i32.const 4) (i32.add (i32.load (i32.const 4)) (i32.const 1)))
      (call $new (local.get $cell)))
    (func (export "incr") (param $self i32) (result i32)
      (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (i32.const 1)))
      (i32.load (local.get $self)))
    (func (export "get") (param $self i32) (result i32) (i32.load (local.get $self)))
    (func (export "consume") (param $handle i32) (result i32)
      (local $count i32)
      (local.set $count (i32.load (call $rep (local.get $handle))))
      (call $drop (local.get $handle))
      (local.get $count))
    (func (export "dropped") (result i32) (i32.load (i32.const 0)))
    (func (export "live") (result i32) (i32.load (i32.const 4))))
  (core instance $m (instantiate $main
    (with "env" (instance
      (export "memory" (memory $mem))
      (export "new" (func $new))
      (export "rep" (func $rep))
      (export "drop" (func $drop))))))

  (func $constructor (param "start" u32) (result (own $counter)) (canon lift (core func $m "constructor")))
  (func $incr (param "self" (borrow $counter)) (result u32) (canon lift (core func $m "incr")))
  (func $get (param "self" (borrow $counter)) (result u32) (canon lift (core func $m "get")))
  (func $consume (param "c" (own $counter)) (result u32) (canon lift (core func $m "consume")))
  (func $dropped (result u32) (canon lift (core func $m "dropped")))
  (func $live (result u32) (canon lift (core func $m "live")))

  ;; The interface is exported through a nested component, as wit-component does: the functions'
  ;; types must name the resource by the export that the interface itself gives it.
  (component $interface
    (import "import-type-counter" (type $c (sub resource)))
    (import "import-constructor" (func $f-constructor (param "start" u32) (result (own $c))))
    (import "import-incr" (func $f-incr (param "self" (borrow $c)) (result u32)))
    (import "import-get" (func $f-get (param "self" (borrow $c)) (result u32)))
    (import "import-consume" (func $f-consume (param "c" (own $c)) (result u32)))
    (import "import-dropped" (func $f-dropped (result u32)))
    (import "import-live" (func $f-live (result u32)))
    (export $counter "counter" (type $c))
    (export "[constructor]counter" (func $f-constructor) (func (param "start" u32) (result (own $counter))))
    (export "[method]counter.incr" (func $f-incr) (func (param "self" (borrow $counter)) (result u32)))
    (export "[method]counter.get" (func $f-get) (func (param "self" (borrow $counter)) (result u32)))
    (export "consume" (func $f-consume) (func (param "c" (own $counter)) (result u32)))
    (export "dropped" (func $f-dropped))
    (export "live" (func $f-live)))
  (instance $resources (instantiate $interface
    (with "import-type-counter" (type $counter))
    (with "import-constructor" (func $constructor))
    (with "import-incr" (func $incr))
    (with "import-get" (func $get))
    (with "import-consume" (func $consume))
    (with "import-dropped" (func $dropped))
    (with "import-live" (func $live))))
  (export "mowai:test/resources" (instance $resources))
)
