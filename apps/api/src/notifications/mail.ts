/**
 * Composition of notification e-mails: pure functions, no I/O. One e-mail lists every event a
 * recipient is told about in one sweep, grouped by test, so that a burst of events (a
 * recalculation that finds many changes, many rules firing at once) is one e-mail per person.
 */

/** An event as the notifier reads it from the `event` table. */
export interface MailEvent {
  id: string;
  kind: string;
  testId: number;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

export interface ComposeOptions {
  /** Where users reach Granary (GRANARY_PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  /** At most this many events are listed; the rest are counted. */
  maxItems?: number;
}

export const SUBJECT_PREFIX = '[Granary]';
export const MAX_LISTED_EVENTS = 50;

interface Line {
  /** Plain text of the item. */
  text: string;
  /** Extra links of the item (run, CI job), already checked to be http(s). */
  links: { label: string; url: string }[];
}

/**
 * The e-mail telling one recipient about `events` (at least one).
 *
 * @example composeMail([{ id: '1', kind: 'change/new', testId: 4, payload: { testName: 'load', variableName: 'throughput', description: '-12%' }, createdAt: new Date() }], { publicUrl: 'https://granary.example.com' }).subject
 * // '[Granary] Change in load: throughput'
 */
export function composeMail(events: readonly MailEvent[], options: ComposeOptions): ComposedMail {
  if (events.length === 0) {
    throw new Error('composeMail needs at least one event');
  }
  const maxItems = Math.max(1, options.maxItems ?? MAX_LISTED_EVENTS);
  const base = options.publicUrl.replace(/\/+$/, '');
  const listed = events.slice(0, maxItems);
  const more = events.length - listed.length;
  const byTest = groupByTest(listed);

  const text: string[] = [events.length === 1 ? 'Granary noticed this:' : `Granary noticed ${events.length} things:`, ''];
  const html: string[] = [
    '<!DOCTYPE html><html><body style="font-family: sans-serif">',
    `<p>${events.length === 1 ? 'Granary noticed this:' : `Granary noticed ${events.length} things:`}</p>`,
  ];
  for (const group of byTest) {
    const testUrl = `${base}/tests/${group.testId}`;
    text.push(`${group.testName} (${testUrl})`);
    html.push(`<h3><a href="${escapeHtml(testUrl)}">${escapeHtml(group.testName)}</a></h3>`, '<ul>');
    for (const event of group.events) {
      const line = describe(event, base);
      text.push(`  - ${line.text}`, ...line.links.map((l) => `    ${l.label}: ${l.url}`));
      const links = line.links.map((l) => ` <a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join('');
      html.push(`<li>${escapeHtml(line.text)}${links}</li>`);
    }
    text.push('');
    html.push('</ul>');
  }
  if (more > 0) {
    const notice = `... and ${more} more event${more === 1 ? '' : 's'} not listed here: see the tests' pages in Granary.`;
    text.push(notice, '');
    html.push(`<p>${escapeHtml(notice)}</p>`);
  }
  const footer = 'You receive this because you, or a team of yours, subscribed to these tests in Granary.';
  text.push('--', footer);
  html.push(`<hr><p style="color: #6a6e73; font-size: small">${escapeHtml(footer)}</p></body></html>`);
  return { subject: subjectOf(events), text: text.join('\n'), html: html.join('\n') };
}

/** `[Granary] …`: the one event's title, or a count and the tests involved. */
export function subjectOf(events: readonly MailEvent[]): string {
  if (events.length === 1) {
    return oneLine(`${SUBJECT_PREFIX} ${titleOf(events[0]!)}`);
  }
  const names = [...new Set(events.map(testNameOf))];
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return oneLine(`${SUBJECT_PREFIX} ${events.length} events in ${shown}`);
}

function titleOf(event: MailEvent): string {
  const p = event.payload;
  const test = testNameOf(event);
  switch (event.kind) {
    case 'change/new':
      return `Change in ${test}: ${str(p.variableName) ?? 'a variable'}`;
    case 'missing-data/new':
      return `Missing data in ${test}: ${str(p.ruleName) ?? `rule ${str(p.ruleId) ?? ''}`.trim()}`;
    case 'run-expectation/missed':
      return `Expected run did not arrive for ${test}`;
    default:
      return `${event.kind} in ${test}`;
  }
}

function describe(event: MailEvent, base: string): Line {
  const p = event.payload;
  switch (event.kind) {
    case 'change/new': {
      const fingerprint = p.fingerprint !== undefined && p.fingerprint !== null && !isEmptyObject(p.fingerprint) ? ` ${JSON.stringify(p.fingerprint)}` : '';
      const where = num(p.runId) !== undefined ? ` in run ${num(p.runId)}${num(p.ordinal) !== undefined ? `, dataset #${num(p.ordinal)}` : ''}` : '';
      const when = str(p.time) ? ` (${formatTime(str(p.time)!)})` : '';
      const model = str(p.model) ? ` [${str(p.model)}]` : '';
      return {
        text: `Change in ${str(p.variableName) ?? 'a variable'}${fingerprint}${where}${when}: ${str(p.description) ?? 'no description'}${model}`,
        links: num(p.runId) !== undefined ? [{ label: 'run', url: `${base}/runs/${num(p.runId)}` }] : [],
      };
    }
    case 'missing-data/new': {
      const last = str(p.lastDatasetTime);
      return {
        text:
          `No new data matching rule "${str(p.ruleName) ?? str(p.ruleId) ?? '?'}" for more than ${formatDuration(num(p.maxStaleness))}; ` +
          (last ? `the newest matching dataset started ${formatTime(last)}.` : 'no dataset has matched it yet.'),
        links: [],
      };
    }
    case 'run-expectation/missed': {
      const by = str(p.expectedBy) ? ` (expected by ${str(p.expectedBy)})` : '';
      const backlink = str(p.backlink);
      const safe = backlink !== undefined && isHttpUrl(backlink);
      return {
        text: `No run was uploaded before ${str(p.expectedBefore) ? formatTime(str(p.expectedBefore)!) : 'the deadline'}${by}.${backlink && !safe ? ` Back-link: ${backlink}` : ''}`,
        links: safe ? [{ label: 'back-link', url: backlink }] : [],
      };
    }
    default:
      return { text: `${event.kind} at ${event.createdAt.toISOString()}`, links: [] };
  }
}

interface TestGroup {
  testId: number;
  testName: string;
  events: MailEvent[];
}

function groupByTest(events: readonly MailEvent[]): TestGroup[] {
  const groups = new Map<number, TestGroup>();
  for (const event of events) {
    const group = groups.get(event.testId) ?? { testId: event.testId, testName: testNameOf(event), events: [] };
    group.events.push(event);
    groups.set(event.testId, group);
  }
  return [...groups.values()];
}

function testNameOf(event: MailEvent): string {
  return str(event.payload.testName) ?? `test ${event.testId}`;
}

/** Text safe inside HTML elements and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Header values stay on one line (no header injection through a test or rule name). */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').slice(0, 250);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Milliseconds as the largest whole units: 90000 → "1 min 30 s", 86400000 → "1 d". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return 'its maximum staleness';
  }
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000], ['ms', 1]];
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [name, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0 ms';
}

/** ISO time → "2024-05-01 12:00:00 UTC"; anything else as given. */
function formatTime(value: string): string {
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? value : `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
