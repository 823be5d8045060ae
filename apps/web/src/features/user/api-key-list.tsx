'use client';

import { Button, Label, PageSection, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import KeyIcon from '@patternfly/react-icons/dist/esm/icons/key-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyView } from '../../components/empty-view';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { describeExpiry, formatTimestamp, keyStatus, type ApiKey } from './api-key-expiry';
import { revokeApiKey } from './api-keys.actions';
import { CreateApiKeyModal } from './create-api-key-modal';

type ApiKeyListProps = ApiResult<ApiKey[]> & {
  /** The server's clock when the page was rendered, so server and browser agree on "days left". */
  now: number;
};

/** The "API keys" page: the caller's keys, creating one (shown once), revoking one. */
export function ApiKeyList(props: ApiKeyListProps) {
  const [isCreating, setIsCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey>();
  const create = () => setIsCreating(true);

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let scripts and CI jobs call Granary as you, e.g. to upload runs. Send one in the{' '}
            <code>X-Horreum-API-Key</code> header, as Horreum's clients do.
          </>
        }
      />
      <PageSection>
        {!props.isOk ? (
          <ProblemAlert problem={props.problem} canRetry={props.problem.status >= 500} />
        ) : props.data.length === 0 ? (
          <EmptyView
            title="No API keys yet"
            icon={KeyIcon}
            actions={
              <Button variant="primary" onClick={create}>
                Create API key
              </Button>
            }
          >
            Create a key for each script or job, so you can revoke one without touching the others.
          </EmptyView>
        ) : (
          <>
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>
                  <Button variant="primary" onClick={create}>
                    Create API key
                  </Button>
                </ToolbarItem>
              </ToolbarContent>
            </Toolbar>
            <Table aria-label="API keys" variant="compact" role="table">
              <Thead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Status</Th>
                  <Th>Created</Th>
                  <Th>Last used</Th>
                  <Th>Expires</Th>
                  <Th>Upload only</Th>
                  <Th screenReaderText="Actions" />
                </Tr>
              </Thead>
              <Tbody>
                {props.data.map((key) => {
                  const status = keyStatus(key, props.now);
                  const expiry = describeExpiry(key, props.now);
                  return (
                    <Tr key={key.id}>
                      <Td dataLabel="Name">{key.name}</Td>
                      <Td dataLabel="Status">
                        <Label color={status.color} isCompact>
                          {status.text}
                        </Label>
                      </Td>
                      <Td dataLabel="Created">{formatTimestamp(key.creation)}</Td>
                      <Td dataLabel="Last used">{key.access ? formatTimestamp(key.access) : 'Never'}</Td>
                      <Td dataLabel="Expires">
                        {key.isRevoked || !key.expiresAt ? (
                          expiry.text
                        ) : (
                          <span title={formatTimestamp(key.expiresAt)}>
                            {expiry.isWarning ? (
                              <Label color="orange" isCompact>
                                {expiry.text}
                              </Label>
                            ) : (
                              expiry.text
                            )}
                          </span>
                        )}
                      </Td>
                      <Td dataLabel="Upload only">{key.uploadOnly ? 'Yes' : 'No'}</Td>
                      <Td dataLabel="Actions" isActionCell>
                        {!key.isRevoked && (
                          <Button variant="secondary" isDanger size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                            Revoke
                          </Button>
                        )}
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          </>
        )}
      </PageSection>
      {isCreating && <CreateApiKeyModal onClose={() => setIsCreating(false)} />}
      {revoking && (
        <ConfirmModal
          title={`Revoke API key ${revoking.name}?`}
          confirmLabel="Revoke"
          isDanger
          onConfirm={() => revokeApiKey(revoking.id)}
          onClose={() => setRevoking(undefined)}
        >
          Scripts and jobs that use this key are refused from now on. A revoked key cannot be used again;
          create a new one if you need it.
        </ConfirmModal>
      )}
    </>
  );
}
