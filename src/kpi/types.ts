/** An exact ratio of two counts; `value` is null (with a `reason`) when the denominator is 0. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
  readonly reason?: string;
}
