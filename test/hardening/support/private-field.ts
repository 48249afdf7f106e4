// Reads a chain of ES `#private` fields through the inspector protocol, for tests that must
// check internal bounds (a store's replay map) the public API does not expose.
import { Session } from 'node:inspector/promises';

interface RemoteObject {
  objectId?: string;
}
interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

const HANDLE = '__passportKitPrivateFieldTarget';

/** Follows `#a`, `#b`, … from `target` and calls `read` (a function source) on the last value. */
export async function readPrivate<T>(target: object, path: readonly string[], read: string): Promise<T> {
  const session = new Session();
  session.connect();
  (globalThis as Record<string, unknown>)[HANDLE] = target;
  try {
    const { result } = (await session.post('Runtime.evaluate', { expression: `globalThis.${HANDLE}` })) as unknown as { result: RemoteObject };
    let objectId = result.objectId;
    for (const name of path) {
      const { privateProperties = [] } = (await session.post('Runtime.getProperties', { objectId, ownProperties: true })) as unknown as {
        privateProperties?: PropertyDescriptor[];
      };
      objectId = privateProperties.find((p) => p.name === name)?.value?.objectId;
      if (!objectId) throw new Error(`no private field ${name} (path ${path.join(' → ')})`);
    }
    const { result: value } = (await session.post('Runtime.callFunctionOn', { objectId, functionDeclaration: read, returnByValue: true })) as unknown as {
      result: { value: T };
    };
    return value.value;
  } finally {
    delete (globalThis as Record<string, unknown>)[HANDLE];
    session.disconnect();
  }
}
