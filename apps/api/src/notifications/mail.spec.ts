import { describe, expect, it } from 'vitest';
import { composeMail, escapeHtml, formatDuration, subjectOf, type MailEvent } from './mail';

const URL_BASE = 'https://granary.example.com';
let nextId = 1;
const event = (kind: string, payload: Record<string, unknown>, testId = 4): MailEvent => ({
  id: String(nextId++),
  kind,
  testId,
  payload: { testName: 'load', ...payload },
  createdAt: new Date('2024-05-01T12:00:00Z'),
});
const change = (variableName: string, extra: Record<string, unknown> = {}) =>
  event('change/new', { variableName, description: 'mean 100 → 80 (-20%)', runId: 17, ordinal: 0, time: '2024-05-01T11:00:00.000Z', model: 'relativeDifference', ...extra });

describe('subjectOf', () => {
  it.each([
    [[change('throughput')], '[Granary] Change in load: throughput'],
    [[event('missing-data/new', { ruleName: 'nightly', maxStaleness: 86_400_000 })], '[Granary] Missing data in load: nightly'],
    [[event('run-expectation/missed', { expectedBy: 'ci' })], '[Granary] Expected run did not arrive for load'],
    [[change('a'), change('b')], '[Granary] 2 events in load'],
    [[change('a'), change('b', { testName: 'other' })].map((e, i) => ({ ...e, testId: i })), '[Granary] 2 events in load, other'],
    [[change('a', { testName: 'bad\r\nBcc: x@evil' })], '[Granary] Change in bad Bcc: x@evil: a'],
  ])('%#: %s', (events, subject) => {
    expect(subjectOf(events)).toBe(subject);
  });

  it('names at most three tests', () => {
    const events = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ ...change('x', { testName: name }), testId: i }));
    expect(subjectOf(events)).toBe('[Granary] 5 events in a, b, c and 2 more');
  });
});

describe('composeMail', () => {
  it('lists every event with links to the test and the run', () => {
    const mail = composeMail([change('throughput'), event('missing-data/new', { ruleName: 'nightly', maxStaleness: 90_000, lastDatasetTime: null })], { publicUrl: `${URL_BASE}/` });
    expect(mail.text).toContain(`load (${URL_BASE}/tests/4)`);
    expect(mail.text).toContain('Change in throughput in run 17, dataset #0 (2024-05-01 11:00:00 UTC): mean 100 → 80 (-20%) [relativeDifference]');
    expect(mail.text).toContain(`run: ${URL_BASE}/runs/17`);
    expect(mail.text).toContain('No new data matching rule "nightly" for more than 1 min 30 s; no dataset has matched it yet.');
    expect(mail.html).toContain(`<a href="${URL_BASE}/tests/4">load</a>`);
    expect(mail.html).toContain(`<a href="${URL_BASE}/runs/17">run</a>`);
  });

  it('escapes names and descriptions in the HTML body', () => {
    const mail = composeMail([change('<script>alert(1)</script>', { testName: 'a & "b"', description: "<img src=x onerror='y'>" })], { publicUrl: URL_BASE });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('a &amp; &quot;b&quot;');
    expect(mail.html).toContain('&lt;img src=x onerror=&#39;y&#39;&gt;');
    // The text body is not HTML: kept as written.
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('links a back-link only when it is an http(s) URL', () => {
    const safe = composeMail([event('run-expectation/missed', { expectedBy: 'ci', backlink: 'https://ci.example.com/job/1', expectedBefore: '2024-05-01T10:00:00.000Z' })], { publicUrl: URL_BASE });
    expect(safe.html).toContain('<a href="https://ci.example.com/job/1">back-link</a>');
    expect(safe.text).toContain('No run was uploaded before 2024-05-01 10:00:00 UTC (expected by ci).');
    const unsafe = composeMail([event('run-expectation/missed', { backlink: 'javascript:alert(1)' })], { publicUrl: URL_BASE });
    expect(unsafe.html).not.toContain('href="javascript');
    expect(unsafe.text).toContain('Back-link: javascript:alert(1)');
  });

  it('lists at most maxItems events and counts the others', () => {
    const events = Array.from({ length: 1000 }, (_v, i) => change(`v${i}`));
    const mail = composeMail(events, { publicUrl: URL_BASE, maxItems: 50 });
    expect(mail.subject).toBe('[Granary] 1000 events in load');
    expect(mail.text.match(/Change in v\d+/g)).toHaveLength(50);
    expect(mail.text).toContain('... and 950 more events not listed here');
    expect(mail.html.match(/<li>/g)).toHaveLength(50);
  });

  it('groups events by test, in order of first appearance', () => {
    const mail = composeMail([change('a'), { ...change('b', { testName: 'other' }), testId: 9 }, change('c')], { publicUrl: URL_BASE });
    const load = mail.text.indexOf('load (');
    const other = mail.text.indexOf('other (');
    expect(load).toBeGreaterThanOrEqual(0);
    expect(other).toBeGreaterThan(load);
    expect(mail.text.indexOf('Change in c')).toBeLessThan(other);
  });

  it('refuses to compose an empty e-mail', () => {
    expect(() => composeMail([], { publicUrl: URL_BASE })).toThrow();
  });
});

describe('formatDuration', () => {
  it.each([
    [undefined, 'its maximum staleness'],
    [0, '0 ms'],
    [1500, '1 s 500 ms'],
    [90_000, '1 min 30 s'],
    [86_400_000, '1 d'],
    [90_061_000, '1 d 1 h'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('escapeHtml', () => {
  it.each([
    ['plain', 'plain'],
    ['<a href="x">', '&lt;a href=&quot;x&quot;&gt;'],
    ["it's & more", 'it&#39;s &amp; more'],
  ])('%s', (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });
});
