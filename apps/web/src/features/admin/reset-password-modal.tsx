'use client';

import type { Problem } from '@granary/api-client';
import { Alert, Button, ClipboardCopy, Content, Modal, ModalBody, ModalFooter, ModalHeader, Stack, StackItem } from '@patternfly/react-core';
import { useId, useState, useTransition } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { resetPassword } from './admin.actions';

/** "Reset password": asks first, then shows the new random password once, with a copy button. */
export function ResetPasswordModal({ username, onClose }: { username: string; onClose: () => void }) {
  const [password, setPassword] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [isPending, startTransition] = useTransition();
  const titleId = useId();

  const reset = () =>
    startTransition(async () => {
      const result = await resetPassword(username);
      if (result.isOk) {
        setPassword(result.data);
      } else {
        setProblem(result.problem);
      }
    });

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby={titleId}>
      <ModalHeader title={password ? `New password for ${username}` : `Reset the password of ${username}?`} labelId={titleId} />
      <ModalBody>
        <Stack hasGutter>
          {password ? (
            <>
              <StackItem>
                <Alert variant="warning" isInline title="Copy the password now: it will not be shown again" component="h2">
                  Give it to {username} in a safe way; they can change it after signing in.
                </Alert>
              </StackItem>
              <StackItem>
                <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" textAriaLabel="New password" copyAriaLabel="Copy the new password">
                  {password}
                </ClipboardCopy>
              </StackItem>
            </>
          ) : (
            <StackItem>
              <Content component="p">
                {username}&apos;s current password stops working, and Granary makes up a new one that you pass on.
              </Content>
            </StackItem>
          )}
          {problem && (
            <StackItem>
              <ProblemAlert problem={problem} />
            </StackItem>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        {password ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button variant="danger" onClick={reset} isLoading={isPending} isDisabled={isPending}>
              Reset password
            </Button>
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
          </>
        )}
      </ModalFooter>
    </Modal>
  );
}
