'use client';

import type { Problem } from '@granary/api-client';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, Stack, StackItem } from '@patternfly/react-core';
import { useId, useState, useTransition, type ReactNode } from 'react';
import type { ApiResult } from '../lib/api-result';
import { ProblemAlert } from './problem-alert';

interface ConfirmModalProps {
  title: string;
  /** What will happen, in words a person can weigh. */
  children: ReactNode;
  confirmLabel: string;
  /** Destructive: the confirm button is red and the header shows a warning icon. */
  isDanger?: boolean;
  /** Runs the change (a server action); the modal closes on success and shows the problem otherwise. */
  onConfirm: () => Promise<ApiResult<unknown>>;
  onClose: () => void;
}

/** "Are you sure?" before a change that cannot be undone; render it only while it should be open. */
export function ConfirmModal({ title, children, confirmLabel, isDanger = false, onConfirm, onClose }: ConfirmModalProps) {
  const [problem, setProblem] = useState<Problem>();
  const [isPending, startTransition] = useTransition();
  const titleId = useId();
  const bodyId = useId();

  const confirm = () =>
    startTransition(async () => {
      const result = await onConfirm();
      if (result.isOk) {
        onClose();
      } else {
        setProblem(result.problem);
      }
    });

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby={titleId} aria-describedby={bodyId}>
      <ModalHeader title={title} labelId={titleId} titleIconVariant={isDanger ? 'warning' : undefined} />
      <ModalBody id={bodyId}>
        <Stack hasGutter>
          <StackItem>{children}</StackItem>
          {problem && (
            <StackItem>
              <ProblemAlert problem={problem} />
            </StackItem>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button variant={isDanger ? 'danger' : 'primary'} onClick={confirm} isLoading={isPending} isDisabled={isPending}>
          {confirmLabel}
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
