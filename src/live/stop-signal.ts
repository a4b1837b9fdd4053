/**
 * Aborts on the first SIGINT or SIGTERM so a run can finish what it is doing
 * and close its outputs; a second one is left to Node's default: the process
 * ends at once (the user means it).
 */
export function stopSignal(onStop?: (signal: NodeJS.Signals) => void): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    dispose();
    onStop?.(signal);
    controller.abort();
  };
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: controller.signal, dispose };
}
