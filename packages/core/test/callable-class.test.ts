import { expect } from 'chai';
import util from 'node:util';
import { callableClass, initialize } from '../src/callable-class.js';

class GreeterClass {
  greeting!: string;
  constructor(greeting: string) {
    this[initialize](greeting);
  }
  [initialize](greeting: string): void {
    this.greeting = greeting;
  }
  greet(): string {
    return `${this.greeting}, ${this.who()}`;
  }
  who(): string {
    return 'world';
  }
  static kind(): string {
    return 'greeter';
  }
}
const Greeter = callableClass(GreeterClass);

describe('callableClass', () => {
  it('constructs with new, as the class does', () => {
    const greeter = new Greeter('hello');
    expect(greeter.greet()).to.equal('hello, world');
    expect(greeter).to.be.instanceOf(Greeter).and.instanceOf(GreeterClass);
    expect(greeter.constructor).to.equal(Greeter);
    expect(Greeter.name).to.equal('GreeterClass');
    expect(Greeter.kind()).to.equal('greeter');
  });

  it('is extended with class extends, the subclass prototype winning', () => {
    class Named extends Greeter {
      override who(): string {
        return 'Ada';
      }
    }
    const greeter = new Named('hi');
    expect(greeter.greet()).to.equal('hi, Ada');
    expect(greeter).to.be.instanceOf(Named).and.instanceOf(Greeter);
  });

  it('runs on this when called under util.inherits, as ES5 subclasses do', () => {
    interface Legacy {
      greeting: string;
      extra: string;
      greet(): string;
    }
    function LegacyGreeter(this: Legacy, greeting: string) {
      (Greeter as unknown as (this: Legacy, greeting: string) => void).call(this, greeting);
      this.extra = 'set after the base';
    }
    util.inherits(LegacyGreeter, Greeter as unknown as new () => object);
    LegacyGreeter.prototype.who = function () {
      return 'Grace';
    };
    const greeter = new (LegacyGreeter as unknown as new (greeting: string) => Legacy)('hey');
    expect(greeter.greet()).to.equal('hey, Grace');
    expect(greeter.extra).to.equal('set after the base');
    expect(greeter).to.be.instanceOf(Greeter);
    expect((LegacyGreeter as unknown as { super_: unknown }).super_).to.equal(Greeter);
  });

  it('refuses to run on an object that does not inherit from it', () => {
    expect(() => (Greeter as unknown as (this: object, g: string) => void).call({}, 'x')).to.throw(TypeError, /cannot be invoked without 'new'/);
  });
});
