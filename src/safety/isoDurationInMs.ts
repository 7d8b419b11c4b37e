/**
 * Milliseconds in an ISO 8601 duration of the form the job schema accepts (`isoDuration` in
 * src/domain/jobDefinition.ts: days, hours, minutes, seconds; PT6H, P1D, P28D). A day is 24 hours: escrow
 * and quarantine timers count elapsed time, not calendar days, so daylight-saving changes do not move them.
 */
export function isoDurationInMs(duration: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) throw new RangeError(`'${duration}' is not an ISO 8601 duration such as PT6H or P1D`);
  const [, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  return ((((days ?? 0) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000;
}
