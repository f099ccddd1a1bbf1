// Not in reasoned.ts: that module ships on the first screen (the summary's usd and fmt), these only with the
// database configs.

/** One line of a database server's config file: the value as the server reads it (units included), and why. */
export interface DbSetting {
  name: string;
  value: string;
  reason: string;
}

export const dbSetting = (name: string, value: string, reason: string): DbSetting => ({
  name,
  value,
  reason,
});
