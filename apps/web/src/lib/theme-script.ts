/** PatternFly 6 switches every token to its dark value when `<html>` carries this class. */
export const DARK_THEME_CLASS = 'pf-v6-theme-dark';

/**
 * Inline script for `<head>`: follows the system colour scheme before first paint (no flash of
 * the light theme) and keeps following it when the system setting changes. Plain ES5, no
 * dependencies, because it runs before any bundle loads.
 */
export const THEME_SCRIPT = `(function(){try{var q=window.matchMedia('(prefers-color-scheme: dark)');var a=function(){document.documentElement.classList.toggle('${DARK_THEME_CLASS}',q.matches)};a();q.addEventListener('change',a)}catch(e){}})()`;

/** Applies the system colour scheme again, for React's development remount that resets `<html>`. */
export function applySystemTheme(): void {
  const isDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.classList.toggle(DARK_THEME_CLASS, isDark);
}
