/** An operation that cannot or must not run, in words for the person at the console (exit 2). */
export class Refusal extends Error {
  override name = 'Refusal';
}
