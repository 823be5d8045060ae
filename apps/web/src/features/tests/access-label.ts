import type { Schemas } from '@granary/api-client';

/** Who may see a test, run or schema: Horreum's three access levels. */
export type Access = Schemas['Access'];

/** The PatternFly `Label` colours we use for access. */
export type AccessLabelColor = 'green' | 'blue' | 'purple' | 'grey';

export interface AccessLabel {
  text: string;
  color: AccessLabelColor;
  /** Which decorative icon the view shows next to the text. */
  icon: 'globe' | 'users' | 'lock' | 'none';
}

/**
 * How an access level reads in the UI. An unknown value (a newer API) still renders, in grey.
 *
 * @example
 * describeAccess('PROTECTED') // { text: 'Protected', color: 'blue', icon: 'users' }
 */
export function describeAccess(access: Access | (string & {})): AccessLabel {
  switch (access) {
    case 'PUBLIC':
      return { text: 'Public', color: 'green', icon: 'globe' };
    case 'PROTECTED':
      return { text: 'Protected', color: 'blue', icon: 'users' };
    case 'PRIVATE':
      return { text: 'Private', color: 'purple', icon: 'lock' };
    default:
      return { text: access || 'Unknown', color: 'grey', icon: 'none' };
  }
}
