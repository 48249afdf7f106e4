// Watches the process while hostile input runs: unhandled rejections, uncaught exceptions and
// warnings are recorded (and kept from crashing the run) so a test can assert there were none.

export interface ProcessEvents {
  unhandledRejections: unknown[];
  uncaughtExceptions: unknown[];
  warnings: Error[];
  stop(): void;
}

export function watchProcess(): ProcessEvents {
  const events: ProcessEvents = {
    unhandledRejections: [],
    uncaughtExceptions: [],
    warnings: [],
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      process.off('warning', onWarning);
    },
  };
  const onRejection = (reason: unknown) => events.unhandledRejections.push(reason);
  const onException = (err: unknown) => events.uncaughtExceptions.push(err);
  const onWarning = (warning: Error) => events.warnings.push(warning);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  process.on('warning', onWarning);
  return events;
}
