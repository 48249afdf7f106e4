/**
 * The method a class made callable by {@link callableClass} runs on `this` when it is called
 * without `new`. Its constructor must do nothing but call it, so both ways of building an
 * instance set up the same fields.
 */
export const initialize: unique symbol = Symbol.for('passport-kit.initialize');

/** A class whose constructor work lives in its `[initialize]` method. */
type InitializableClass = abstract new (...args: never[]) => { [initialize](...args: never[]): void };

/**
 * What {@link callableClass} returns: the class itself, also callable as a function on an
 * object that inherits from its prototype.
 */
export type CallableClass<C extends InitializableClass> = C & ((this: unknown, ...args: ConstructorParameters<C>) => void);

/**
 * Returns a constructor for `cls` that also works the way ES5 constructors do, called on an
 * existing object: `Base.call(this, options, verify)` in a subclass set up with
 * `util.inherits(Sub, Base)`. Hundreds of Passport strategies on npm extend passport-oauth2 and
 * passport-oauth1 that way, and an ES class throws "cannot be invoked without 'new'" there.
 *
 * With `new` and `class extends` it behaves as `cls` does (`new.target` is kept, so a
 * subclass's prototype wins); `instanceof` accepts instances of either; statics are inherited.
 * `name` is the constructor's name (default the class's).
 *
 * @example
 * ```ts
 * class StrategyClass extends Base {
 *   constructor(options: Options) { super(); this[initialize](options); }
 *   [initialize](options: Options): void { this.name = options.name; }
 * }
 * export const Strategy = callableClass(StrategyClass);
 * ```
 */
export function callableClass<C extends InitializableClass>(cls: C, name: string = cls.name): CallableClass<C> {
  const prototype = cls.prototype as { [initialize](...args: unknown[]): void };
  const Callable = function (this: unknown, ...args: unknown[]): unknown {
    if (new.target) return Reflect.construct(cls, args, new.target);
    if (typeof this !== 'object' || this === null || !(this instanceof Callable)) {
      throw new TypeError(`Class constructor ${name} cannot be invoked without 'new' or on an object that inherits from it`);
    }
    prototype[initialize].apply(this, args);
    return undefined;
  };
  Object.defineProperty(Callable, 'name', { value: name });
  Object.defineProperty(Callable, 'length', { value: cls.length });
  Callable.prototype = cls.prototype;
  Object.defineProperty(cls.prototype, 'constructor', { value: Callable, writable: true, configurable: true, enumerable: false });
  Object.setPrototypeOf(Callable, cls);
  return Callable as unknown as CallableClass<C>;
}
