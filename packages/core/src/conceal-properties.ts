/**
 * Turns the named own properties of `target` into non-enumerable accessors over the same value,
 * so neither `JSON.stringify`, nor `util.inspect` (and with it `console.log`, even `%o` and
 * `showHidden`, which print an accessor as `[Getter/Setter]`) shows it, while code, subclasses
 * and passport's per-request copies (`Object.create(strategy)`) read and write it as before.
 * For the secrets a strategy keeps: apps log strategies (`console.log(passport)`), and a
 * `#private` field cannot be used on an object passport copies.
 *
 * @example
 * ```ts
 * this._clientSecret = options.clientSecret;
 * concealProperties(this, '_clientSecret');
 * ```
 */
export function concealProperties(target: object, ...names: string[]): void {
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor || !('value' in descriptor) || !descriptor.configurable) continue;
    let value: unknown = descriptor.value;
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: false,
      get: () => value,
      set: (next: unknown) => {
        value = next;
      },
    });
  }
}
