// Root hooks for every mocha run (see .mocharc.json).
import nock from 'nock';

// nock 15's interceptor library calls Promise.withResolvers, which Node 20 lacks.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

// Only loopback traffic, and only to servers a test started itself: a request to a host that
// has recorded interceptors but no match gets nock's 501, never the network.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host) && !nock.activeMocks().some((m) => m.includes(host)));

export const mochaHooks = {
  afterEach(this: Mocha.Context) {
    // Every recorded request must have been made: a test that leaves one unused fails.
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0 && this.currentTest?.state === 'passed') {
      throw new Error(`Expected requests were not made:\n  ${pending.join('\n  ')}`);
    }
  },
};
