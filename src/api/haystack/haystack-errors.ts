/** A request the server cannot answer as asked: an error grid with this HTTP status, never a crash. */
export class HaystackRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 405 | 413 | 415 | 503 = 400,
  ) {
    super(message);
    this.name = 'HaystackRequestError';
  }
}
