// Promise.withResolvers (ES2024) is native from Node 22; aws-local-stepfunctions
// 3.x calls it (Wait/timeout handling) and declares engines.node >= 22.
// This polyfill lets it run on Node 20. It is a no-op where the method exists.
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
