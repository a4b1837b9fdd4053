/**
 * The live service's settings the API and the command line accept: one range for
 * both, so a value refused on the command line is refused by PUT /config too.
 */
export const MIN_ACCELERATION = 1;
export const MAX_ACCELERATION = 100_000;
/** Ten years; the profile's epoch may bound it further (the simulation does not start before it). */
export const MAX_BACKFILL_DAYS = 3650;
