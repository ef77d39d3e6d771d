/** The English side of a dictionary must have exactly the Chinese side's keys. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** One area of the dictionary, both languages side by side so they stay in step. */
export function defineDict<const Z extends Record<string, unknown>>(d: { zh: Z; en: Shape<Z> }) {
  return d;
}
