/**
 * The shape every language's catalogue must have: the same keys as the English one, each a
 * string or a function with the same parameters. Strings widen to `string`, so a translation
 * need not equal the English words, only exist.
 */
// biome-ignore lint/suspicious/noExplicitAny: a message's parameters are whatever the English one declares
export type Message = string | ((...args: any[]) => string);
export type Messages<T extends Record<string, Message>> = { [K in keyof T]: T[K] extends string ? string : T[K] };
