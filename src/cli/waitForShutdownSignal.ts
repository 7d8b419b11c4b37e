/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM, so the caller can shut down cleanly. */
export function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
