/** Keys of acts whose result shows on an operation's card (`op:<id>`, `qty:<id>`, `fix:<id>`), not at the top. */
export function cardOf(key: string): string | null {
  const m = /^(?:op|qty|fix|undo):(.+)$/.exec(key);
  return m ? m[1]! : null;
}

/** The result for one card: the last result when it was a tap on that card, else null. */
export function resultFor<R extends { key: string }>(result: R | null, operationId: string): R | null {
  return result && cardOf(result.key) === operationId ? result : null;
}
