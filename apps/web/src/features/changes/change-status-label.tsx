'use client';

import { Label, LabelGroup } from '@patternfly/react-core';
import BanIcon from '@patternfly/react-icons/dist/esm/icons/ban-icon';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon';
import HandPaperIcon from '@patternfly/react-icons/dist/esm/icons/hand-paper-icon';
import { changeStatus, isManual, STATUS_TEXT, type ChangeStatus } from './change-format';
import type { Change } from './change-types';

const LOOKS: Record<ChangeStatus, { color: 'orange' | 'green' | 'grey'; icon: React.ReactNode }> = {
  new: { color: 'orange', icon: <ExclamationTriangleIcon /> },
  confirmed: { color: 'green', icon: <CheckCircleIcon /> },
  ignored: { color: 'grey', icon: <BanIcon /> },
};

/** A change's status in words with its colour and icon, and "Manual" for one a person added. */
export function ChangeStatusLabel({ change }: { change: Pick<Change, 'confirmed' | 'ignored' | 'model'> }) {
  const status = changeStatus(change);
  return (
    <LabelGroup numLabels={2} aria-label="Status">
      <Label color={LOOKS[status].color} icon={LOOKS[status].icon} isCompact>
        {STATUS_TEXT[status]}
      </Label>
      {isManual(change) && (
        <Label color="purple" icon={<HandPaperIcon />} isCompact>
          Manual
        </Label>
      )}
    </LabelGroup>
  );
}
