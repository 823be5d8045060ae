'use client';

import { Label } from '@patternfly/react-core';
import GlobeIcon from '@patternfly/react-icons/dist/esm/icons/globe-icon';
import LockIcon from '@patternfly/react-icons/dist/esm/icons/lock-icon';
import UsersIcon from '@patternfly/react-icons/dist/esm/icons/users-icon';
import { describeAccess, type Access } from './access-label';

// Decorative: the label's text says the same (PatternFly icons are aria-hidden without a title).
const ICONS = { globe: <GlobeIcon />, users: <UsersIcon />, lock: <LockIcon />, none: undefined } as const;

/** A test's, run's or schema's access level as a coloured PatternFly label. */
export function AccessBadge({ access }: { access: Access }) {
  const label = describeAccess(access);
  return (
    <Label color={label.color} icon={ICONS[label.icon]} isCompact>
      {label.text}
    </Label>
  );
}
