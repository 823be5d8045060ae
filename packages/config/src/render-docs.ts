import { VARIABLES, type VariableSpec } from './variables';

/** docs/configuration.md, rendered from the variable table. */
export function renderConfigurationDoc(): string {
  const rows = Object.values(VARIABLES as Record<string, VariableSpec<unknown>>).map((v) => {
    const def = v.default !== undefined ? `\`${v.default}\`` : v.example ? `unset (e.g. \`${v.example}\`)` : 'unset';
    const secret = v.sensitive ? 'yes' : '';
    return `| \`${v.name}\` | ${v.readBy.join(', ')} | ${def} | ${secret} | ${v.description} |`;
  });
  return [
    '# Configuration',
    '',
    '<!-- Generated from packages/config/src/variables.ts by `npm run docs -w @granary/config`; do not edit by hand. -->',
    '',
    'Granary reads its configuration from environment variables only. Each process validates the variables it reads before it',
    'starts and, when any is wrong, exits with one message that names every bad variable and why. Empty values count as unset.',
    'Secret values ("secret" column) never appear in logs or error messages.',
    '',
    '| Variable | Read by | Default | Secret | Meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'The launcher (`npm start`) passes the API and UI what they need (`DATABASE_APP_URL`, `GRANARY_API_PORT`, `GRANARY_API_URL`, ...);',
    'set those yourself only when you run the processes separately, as in `docker-compose.yml`.',
    '',
  ].join('\n');
}

if (require.main === module) {
  process.stdout.write(renderConfigurationDoc());
}
