import { ACTIVITY_TYPES } from '../live/simulator-state.js';
import { MAX_ACCELERATION, MAX_BACKFILL_DAYS, MIN_ACCELERATION } from './live-limits.js';

/** What every request that changes something may get instead (see api-auth.ts). */
const REFUSALS = {
  '401': { description: 'no or wrong bearer token' },
  '403': { description: 'a foreign Origin' },
  '415': { description: 'a body that is not application/json' },
} as const;

/** OpenAPI 3.1 description of the live service's control API (served at /openapi.json). */
export const controlApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'haysim live control API',
    version: '1.0.0',
    description:
      'Health, state, metrics and control of a running `haysim live` service. Binds to localhost by default. ' +
      'Reading is open; requests that change something (POST, PUT) need the bearer token (printed at start, or set with ' +
      '--api-token-file / $HAYSIM_API_TOKEN), a JSON body if any, and no foreign Origin. A Host header that does not name ' +
      'this server gets 421 (DNS rebinding).',
  },
  components: {
    securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'the token printed when the service started' } },
  },
  paths: {
    '/health': { get: { summary: 'Liveness', responses: { '200': { description: '{ "status": "ok" }' } } } },
    '/status': {
      get: {
        summary: 'Running or stopped, last tick, lag (lagMs wall clock, lagSeconds simulated time due but not written)',
        responses: { '200': { description: 'status object' } },
      },
    },
    '/state': {
      get: {
        summary: 'The simulator_state row (status, last run timestamp, totalizers, config, error)',
        responses: { '200': { description: 'state' }, '404': { description: 'no state yet' } },
      },
    },
    '/metrics': {
      get: {
        summary: 'Ticks, rows, rate, lag, errors; JSON, or Prometheus text with ?format=prometheus',
        parameters: [{ name: 'format', in: 'query', schema: { enum: ['json', 'prometheus'] } }],
        responses: { '200': { description: 'metrics' } },
      },
    },
    '/start': {
      post: {
        summary: 'Start the service (catches up first)',
        security: [{ bearerToken: [] }],
        responses: { '202': { description: 'starting' }, '409': { description: 'already running' }, ...REFUSALS },
      },
    },
    '/stop': {
      post: {
        summary: 'Stop after the tick in progress',
        security: [{ bearerToken: [] }],
        responses: { '202': { description: 'stopping' }, '409': { description: 'not running' }, ...REFUSALS },
      },
    },
    '/reset': {
      post: {
        summary: 'Stop and forget progress: the next start backfills from scratch',
        security: [{ bearerToken: [] }],
        responses: { '200': { description: 'reset' }, ...REFUSALS },
      },
    },
    '/config': {
      get: { summary: 'Current configuration', responses: { '200': { description: 'config' } } },
      put: {
        summary:
          'Update the configuration (acceleration, backfillDays); applied at the next start. backfillDays is also bounded by the days since the profile’s epoch',
        security: [{ bearerToken: [] }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  acceleration: { type: 'number', minimum: MIN_ACCELERATION, maximum: MAX_ACCELERATION },
                  backfillDays: { type: 'integer', minimum: 0, maximum: MAX_BACKFILL_DAYS },
                },
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '200': { description: 'updated config' },
          '400': { description: 'malformed JSON or invalid values, with the problems' },
          '413': { description: 'body over 16 KiB' },
          ...REFUSALS,
        },
      },
    },
    '/activity': {
      get: {
        summary: 'simulator_activity_log, newest first',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
          {
            name: 'type',
            in: 'query',
            schema: { enum: ACTIVITY_TYPES },
          },
          { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: { '200': { description: '{ items, limit, offset }' }, '400': { description: 'invalid query' } },
      },
    },
  },
} as const;
