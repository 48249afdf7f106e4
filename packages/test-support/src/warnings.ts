// The PassportKitWarnings a piece of code emits: process warnings are delivered on a later tick,
// so the listener stays on until one has passed.

/** A warning as the tests compare it. */
export interface CapturedWarning {
  /** `PassportKitWarning`. */
  name: string;
  /** The warning's code (`PASSPORT_KIT_UNKNOWN_OPTION`, …). */
  code: string | undefined;
  /** Its text. */
  message: string;
}

/** Runs `build` and returns the PassportKitWarnings it emitted. A warning is emitted once per process. */
export async function passportKitWarningsWhile(build: () => void): Promise<CapturedWarning[]> {
  const seen: Error[] = [];
  const listener = (warning: Error) => seen.push(warning);
  process.on('warning', listener);
  try {
    build();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return seen
    .filter((w) => w.name === 'PassportKitWarning')
    .map((w) => ({ name: w.name, code: (w as NodeJS.ErrnoException).code, message: w.message }));
}
