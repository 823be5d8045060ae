import { describe, expect, it } from 'vitest';
import { DARK_THEME_CLASS, THEME_SCRIPT } from './theme-script';

/** Runs the inline script against a minimal fake browser and returns handles to drive it. */
function runThemeScript(isDarkAtStart: boolean) {
  const classes = new Set<string>();
  const listeners: (() => void)[] = [];
  const query = {
    matches: isDarkAtStart,
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
  };
  const window = { matchMedia: () => query };
  const document = {
    documentElement: {
      classList: {
        toggle: (name: string, force: boolean) => (force ? classes.add(name) : classes.delete(name)),
      },
    },
  };
  new Function('window', 'document', THEME_SCRIPT)(window, document);
  return {
    classes,
    changeSystemScheme(isDark: boolean) {
      query.matches = isDark;
      listeners.forEach((listener) => listener());
    },
  };
}

describe('THEME_SCRIPT', () => {
  it.each([
    [true, true],
    [false, false],
  ])('with a dark system scheme %s sets the dark class: %s', (isDark, expected) => {
    expect(runThemeScript(isDark).classes.has(DARK_THEME_CLASS)).toBe(expected);
  });

  it.each([
    [false, true],
    [true, false],
  ])('follows a change of the system scheme from dark=%s to dark=%s', (from, to) => {
    const page = runThemeScript(from);
    page.changeSystemScheme(to);
    expect(page.classes.has(DARK_THEME_CLASS)).toBe(to);
  });

  it('does not throw where matchMedia is missing', () => {
    expect(() => new Function('window', 'document', THEME_SCRIPT)({}, {})).not.toThrow();
  });
});
