/**
 * A static a strategy class sets to the name its errors and warnings use
 * (`static readonly [strategyLabel] = 'GitHubStrategy'`): the base class's constructor checks
 * run for every provider, and `OAuth2Strategy requires a clientID option` would send a GitHub
 * user looking in the wrong place. Subclasses from npm inherit their base's label.
 */
export const strategyLabel: unique symbol = Symbol.for('passport-kit.strategyLabel');

/** The label of `strategy`'s class (see {@link strategyLabel}), or `fallback`. */
export function strategyLabelOf(strategy: object, fallback: string): string {
  const label = (strategy.constructor as { [strategyLabel]?: unknown } | undefined)?.[strategyLabel];
  return typeof label === 'string' ? label : fallback;
}
