import { InvalidValue, VARIABLES, type Component, type Config, type VariableKey } from './variables';

/** Every bad variable with its reason, in one message, so a person fixes them all at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: { name: string; reason: string }[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]!.name} ${problems[0]!.reason}.`
        : `Invalid configuration:\n${problems.map((p) => `  ${p.name} ${p.reason}`).join('\n')}`,
    );
  }
}

/**
 * Reads and validates the variables `component` uses (all of them when omitted). An empty
 * string counts as unset, as shells and compose files often produce one.
 *
 * @example loadConfig(process.env, 'api').maxBodySize // 52428800
 */
export function loadConfig(env: Record<string, string | undefined>, component?: Component): Config {
  const problems: { name: string; reason: string }[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(VARIABLES) as VariableKey[]) {
    const spec = VARIABLES[key];
    if (component && !(spec.readBy as readonly Component[]).includes(component)) {
      continue;
    }
    const given = env[spec.name];
    const raw = given !== undefined && given.trim() !== '' ? given : 'default' in spec ? spec.default : undefined;
    if (raw === undefined) {
      out[key] = undefined;
      continue;
    }
    try {
      out[key] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidValue)) {
        throw error;
      }
      const shown = 'sensitive' in spec && spec.sensitive ? '' : ` (got "${raw}")`;
      problems.push({ name: spec.name, reason: `${error.message}${shown}` });
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return out as Config;
}
