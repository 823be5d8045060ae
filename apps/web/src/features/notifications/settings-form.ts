import type { Schemas } from '@granary/api-client';

export type NotificationSetting = Schemas['NotificationSettingsDto'];

/** Whose settings a form edits: the person signed in, or a team they manage (its mailing list). */
export interface SettingsOwner {
  name: string;
  isTeam: boolean;
}

/** One row of the form: an address and whether it is disabled. `key` keeps React rows stable. */
export interface SettingDraft {
  key: string;
  address: string;
  isDisabled: boolean;
}

export interface SettingProblem {
  key: string;
  message: string;
}

/** The API's own check of an address: one @, no spaces, nothing that could become a mail header. */
const MAIL_ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
/** The longest address the API stores (RFC 5321's limit). */
export const MAX_ADDRESS_LENGTH = 320;
/** The API keeps at most this many settings per user or team. */
export const MAX_SETTINGS = 100;

let lastKey = 0;
const nextKey = () => `setting-${++lastKey}`;

/** The e-mail settings of a user or team as form rows (other methods are not shown: Granary has e-mail only). */
export function toSettingDrafts(settings: readonly NotificationSetting[]): SettingDraft[] {
  return settings.filter((s) => s.method === 'email').map((s) => ({ key: nextKey(), address: s.data ?? '', isDisabled: s.disabled }));
}

export function newSettingDraft(): SettingDraft {
  return { key: nextKey(), address: '', isDisabled: false };
}

/**
 * What is wrong with the rows (nothing: they may be saved): each needs an address the API
 * accepts, once. A disabled row may keep its address empty: it only silences the owner.
 */
export function validateSettingDrafts(drafts: readonly SettingDraft[]): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const seen = new Set<string>();
  for (const draft of drafts) {
    const address = draft.address.trim();
    if (!address) {
      if (!draft.isDisabled) {
        problems.push({ key: draft.key, message: 'Enter an e-mail address, or remove the row.' });
      }
      continue;
    }
    if (address.length > MAX_ADDRESS_LENGTH || !MAIL_ADDRESS.test(address)) {
      problems.push({ key: draft.key, message: 'Enter an e-mail address, e.g. alice@example.com.' });
    } else if (seen.has(address.toLowerCase())) {
      problems.push({ key: draft.key, message: 'This address is listed already.' });
    }
    seen.add(address.toLowerCase());
  }
  return problems;
}

/** The body of `POST /api/notifications/settings` (it replaces every setting of the owner). */
export function fromSettingDrafts(drafts: readonly SettingDraft[], owner: SettingsOwner): NotificationSetting[] {
  return drafts.map((d) => ({ method: 'email', data: d.address.trim() || null, disabled: d.isDisabled, name: owner.name, isTeam: owner.isTeam }));
}

/**
 * Where mail goes with these rows, as the notifier decides it: the enabled addresses; with no row
 * at all, the account's address (a user) or each member's own (a team); with every row disabled,
 * nowhere.
 *
 * @example
 * describeDelivery([], { name: 'alice', isTeam: false })
 * // "No addresses: e-mails go to your account's e-mail address."
 */
export function describeDelivery(drafts: readonly Pick<SettingDraft, 'address' | 'isDisabled'>[], owner: SettingsOwner): string {
  const enabled = drafts.filter((d) => !d.isDisabled && d.address.trim()).map((d) => d.address.trim());
  if (enabled.length > 0) {
    return `E-mails go to ${enabled.join(', ')}.`;
  }
  if (owner.isTeam) {
    return drafts.length === 0
      ? `No addresses: each member of ${owner.name} who can view its data gets e-mails at their own address.`
      : `Every address is disabled: ${owner.name}'s subscriptions send no e-mails.`;
  }
  return drafts.length === 0 ? "No addresses: e-mails go to your account's e-mail address." : 'Every address is disabled: you get no e-mails.';
}
