'use client';

import type { Problem } from '@granary/api-client';
import {
  Alert,
  Button,
  Checkbox,
  ClipboardCopy,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formProblem } from '../../lib/api-result';
import { endOfLocalDay, toDateInputValue } from './api-key-expiry';
import { createApiKey } from './api-keys.actions';

const FORM_ID = 'create-api-key-form';

/**
 * "Create API key": name, optional expiry day, upload only. Once created, the modal shows the
 * key with a copy button and a warning: it is never shown again.
 */
export function CreateApiKeyModal({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [isUploadOnly, setIsUploadOnly] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [createdKey, setCreatedKey] = useState<string>();
  const [isPending, startTransition] = useTransition();
  const titleId = useId();
  const tomorrow = toDateInputValue(new Date(Date.now() + 24 * 60 * 60 * 1000));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expiresOn ? endOfLocalDay(expiresOn) : undefined;
    if (expiresOn && !expiresAt) {
      setProblem(formProblem('Enter the expiry as a date.'));
      return;
    }
    startTransition(async () => {
      const result = await createApiKey({ name, expiresAt, uploadOnly: isUploadOnly });
      if (result.isOk) {
        setProblem(undefined);
        setCreatedKey(result.data);
      } else {
        setProblem(result.problem);
      }
    });
  };

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby={titleId}>
      <ModalHeader title={createdKey ? 'API key created' : 'Create API key'} labelId={titleId} />
      <ModalBody>
        {createdKey ? (
          <>
            <Alert variant="warning" isInline title="Copy the key now: it will not be shown again" component="h2">
              Granary keeps only a hash of it. Send it as the <code>X-Horreum-API-Key</code> header (or as a
              bearer token).
            </Alert>
            <ClipboardCopy
              isReadOnly
              hoverTip="Copy"
              clickTip="Copied"
              textAriaLabel="New API key"
              copyAriaLabel="Copy the new API key"
              className="pf-v6-u-mt-md"
            >
              {createdKey}
            </ClipboardCopy>
          </>
        ) : (
          // The footer's Create button submits this form (form=), so Enter in a field does too.
          <Form id={FORM_ID} onSubmit={submit}>
            {problem && <ProblemAlert problem={problem} />}
            <FormGroup label="Name" isRequired fieldId="api-key-name">
              <TextInput id="api-key-name" isRequired value={name} onChange={(_event, value) => setName(value)} maxLength={200} />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>Say what uses it, e.g. the CI job.</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <FormGroup label="Expires on" fieldId="api-key-expiry">
              <TextInput id="api-key-expiry" type="date" min={tomorrow} value={expiresOn} onChange={(_event, value) => setExpiresOn(value)} />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>Optional: the key stops working at the end of that day. Leave empty for no expiry.</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <FormGroup fieldId="api-key-upload-only">
              <Checkbox
                id="api-key-upload-only"
                label="Upload only"
                description="The key may upload runs but not read private data or change anything else."
                isChecked={isUploadOnly}
                onChange={(_event, checked) => setIsUploadOnly(checked)}
              />
            </FormGroup>
          </Form>
        )}
      </ModalBody>
      <ModalFooter>
        {createdKey ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button variant="primary" type="submit" form={FORM_ID} isLoading={isPending} isDisabled={isPending}>
              Create
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
