'use client';

import { Button, Content, Flex, FlexItem, Title } from '@patternfly/react-core';
import OutlinedClockIcon from '@patternfly/react-icons/dist/esm/icons/outlined-clock-icon';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyView } from '../../components/empty-view';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import type { LabelInfo } from '../tests/find-test-detail';
import { formatTimestamp } from '../user/api-key-expiry';
import { describeCondition, newRuleDraft, toRuleDraft, type MissingDataRule, type RuleDraft } from './missing-data-rule-form';
import { deleteMissingDataRule } from './notifications.actions';
import { RuleModal } from './rule-modal';
import { formatStaleness } from './staleness';

interface MissingDataRulesProps {
  testId: number;
  canEdit: boolean;
  rules: ApiResult<MissingDataRule[]>;
  labelNames: ApiResult<LabelInfo[]>;
}

/** The test's missing data rules; testers add, edit (in a modal) and delete them, others read them. */
export function MissingDataRules({ testId, canEdit, rules, labelNames }: MissingDataRulesProps) {
  const [editing, setEditing] = useState<RuleDraft>();
  const [deleting, setDeleting] = useState<MissingDataRule>();
  const add = () => setEditing(newRuleDraft());
  const addButton = (
    <Button variant="secondary" icon={<PlusCircleIcon />} onClick={add}>
      Add rule
    </Button>
  );

  return (
    <section aria-labelledby="missing-data-title">
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
        <FlexItem>
          <Title headingLevel="h2" size="lg" id="missing-data-title">
            Missing data rules
          </Title>
        </FlexItem>
        {canEdit && rules.isOk && rules.data.length > 0 && <FlexItem>{addButton}</FlexItem>}
      </Flex>
      <Content component="p">
        When no matching dataset has started for longer than a rule&apos;s maximum staleness, the test&apos;s subscribers get one e-mail, and again only after data came back
        and stopped again.
      </Content>
      {!rules.isOk ? (
        <ProblemAlert problem={rules.problem} canRetry={rules.problem.status >= 500} />
      ) : rules.data.length === 0 ? (
        <EmptyView title="No missing data rules" icon={OutlinedClockIcon} actions={canEdit ? addButton : undefined}>
          A missing data rule says how often datasets of this test must arrive, e.g. &quot;a nightly run at least every 2 days&quot;. A condition on label values can
          restrict it to some datasets, such as one architecture.{canEdit ? '' : " Testers of the test's team add rules."}
        </EmptyView>
      ) : (
        <Table aria-label="Missing data rules" variant="compact" role="table">
          <Thead>
            <Tr>
              <Th>Name</Th>
              <Th>Labels</Th>
              <Th>Condition</Th>
              <Th modifier="wrap">Maximum staleness</Th>
              <Th modifier="wrap">Last notification</Th>
              {canEdit && <Th screenReaderText="Actions" />}
            </Tr>
          </Thead>
          <Tbody>
            {rules.data.map((rule) => {
              const name = rule.name || `Rule ${rule.id}`;
              return (
                <Tr key={rule.id}>
                  <Td dataLabel="Name">{name}</Td>
                  <Td dataLabel="Labels">{rule.labels?.join(', ') || 'None'}</Td>
                  <Td dataLabel="Condition" modifier="breakWord">
                    {rule.condition?.trim() ? <code>{describeCondition(rule)}</code> : describeCondition(rule)}
                  </Td>
                  <Td dataLabel="Maximum staleness">{formatStaleness(rule.maxStaleness)}</Td>
                  <Td dataLabel="Last notification">{rule.lastNotification ? formatTimestamp(rule.lastNotification) : 'Never'}</Td>
                  {canEdit && (
                    <Td dataLabel="Actions" isActionCell>
                      <Flex spaceItems={{ default: 'spaceItemsSm' }} flexWrap={{ default: 'nowrap' }}>
                        <Button variant="secondary" size="sm" onClick={() => setEditing(toRuleDraft(rule))} aria-label={`Edit rule ${name}`}>
                          Edit
                        </Button>
                        <Button variant="secondary" isDanger size="sm" onClick={() => setDeleting(rule)} aria-label={`Delete rule ${name}`}>
                          Delete
                        </Button>
                      </Flex>
                    </Td>
                  )}
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      {editing && <RuleModal testId={testId} initial={editing} others={rules.isOk ? rules.data : []} labelNames={labelNames} onClose={() => setEditing(undefined)} />}
      {deleting && (
        <ConfirmModal
          title={`Delete rule ${deleting.name || `Rule ${deleting.id}`}?`}
          confirmLabel="Delete"
          isDanger
          onConfirm={() => deleteMissingDataRule(testId, deleting.id)}
          onClose={() => setDeleting(undefined)}
        >
          Nobody is told any more when this data stops arriving. The test&apos;s datasets and other rules stay as they are.
        </ConfirmModal>
      )}
    </section>
  );
}
