'use client';

import type { Problem } from '@granary/api-client';
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import TrashIcon from '@patternfly/react-icons/dist/esm/icons/trash-icon';
import { useEffect, useId, useState, useTransition, type FormEvent } from 'react';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { formProblem, type ApiResult } from '../../lib/api-result';
import type { SettingsSection } from './find-notifications';
import { saveNotificationSettings } from './notifications.actions';
import { describeDelivery, MAX_SETTINGS, newSettingDraft, toSettingDrafts, validateSettingDrafts, type NotificationSetting, type SettingDraft, type SettingProblem, type SettingsOwner } from './settings-form';

/** The "Notification settings" page: where your e-mails go, and the mailing lists of the teams you manage. */
export function NotificationSettingsView({ sections }: { sections: ApiResult<SettingsSection[]> }) {
  return (
    <>
      <PageHeader
        title="Notification settings"
        description="Where Granary sends e-mails about the tests you subscribe to: changes, missing data and missed runs. Subscribe on a test's Notifications tab."
      />
      <PageSection>
        {!sections.isOk ? (
          <ProblemAlert problem={sections.problem} canRetry={sections.problem.status >= 500} />
        ) : (
          <Stack hasGutter>
            {sections.data.map((section) => (
              <StackItem key={`${section.owner.isTeam}-${section.owner.name}`}>
                <SettingsCard owner={section.owner} settings={section.settings} />
              </StackItem>
            ))}
          </Stack>
        )}
      </PageSection>
    </>
  );
}

function SettingsCard({ owner, settings }: { owner: SettingsOwner; settings: ApiResult<NotificationSetting[]> }) {
  const titleId = useId();
  const title = owner.isTeam ? `Team ${owner.name}` : 'Your e-mail addresses';
  return (
    <Card isCompact component="section" aria-labelledby={titleId}>
      <CardTitle>
        <Title headingLevel="h2" size="lg" id={titleId}>
          {title}
        </Title>
      </CardTitle>
      <CardBody>
        {settings.isOk ? <SettingsForm owner={owner} settings={settings.data} /> : <ProblemAlert problem={settings.problem} canRetry={settings.problem.status >= 500} />}
      </CardBody>
    </Card>
  );
}

function SettingsForm({ owner, settings }: { owner: SettingsOwner; settings: NotificationSetting[] }) {
  const [drafts, setDrafts] = useState<SettingDraft[]>(() => toSettingDrafts(settings));
  const [problems, setProblems] = useState<SettingProblem[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const [isSaved, setIsSaved] = useState(false);
  const [isSaving, startSaving] = useTransition();
  const formId = useId();

  // A new render of the page (after saving) brings the settings as stored.
  useEffect(() => setDrafts(toSettingDrafts(settings)), [settings]);

  // Once the messages show, they follow the typing, so a fixed address loses its message at once.
  const replace = (next: SettingDraft[]) => {
    setIsSaved(false);
    setDrafts(next);
    if (problems.length > 0) {
      const found = validateSettingDrafts(next);
      setProblems(found);
      if (found.length === 0) {
        setProblem(undefined);
      }
    }
  };
  const update = (key: string, change: Partial<SettingDraft>) => replace(drafts.map((d) => (d.key === key ? { ...d, ...change } : d)));
  const problemOf = (key: string) => problems.find((p) => p.key === key)?.message;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const found = validateSettingDrafts(drafts);
    setProblems(found);
    setIsSaved(false);
    if (found.length > 0) {
      setProblem(formProblem('Some addresses need a look; see the messages by the fields.'));
      return;
    }
    startSaving(async () => {
      const result = await saveNotificationSettings(owner, drafts);
      setProblem(result.isOk ? undefined : result.problem);
      setIsSaved(result.isOk);
    });
  };

  return (
    <Form id={formId} onSubmit={save} maxWidth="48rem" aria-label={owner.isTeam ? `E-mail addresses of ${owner.name}` : 'Your e-mail addresses'}>
      <Content component="p">
        {owner.isTeam
          ? `A mailing list for ${owner.name}: when the team is subscribed to a test, its e-mails go to these addresses instead of to each member.`
          : 'Addresses for e-mails about the tests you and your teams subscribe to. A disabled address receives nothing; with every address disabled, you get no e-mails.'}
      </Content>
      {drafts.map((draft, index) => {
        const id = `${formId}-address-${draft.key}`;
        const message = problemOf(draft.key);
        return (
          <Flex key={draft.key} alignItems={{ default: 'alignItemsFlexStart' }} spaceItems={{ default: 'spaceItemsMd' }}>
            <FlexItem grow={{ default: 'grow' }}>
              <FormGroup label={`Address ${index + 1}`} fieldId={id}>
                <TextInput
                  id={id}
                  type="email"
                  value={draft.address}
                  onChange={(_event, address) => update(draft.key, { address })}
                  validated={message ? 'error' : 'default'}
                  placeholder="alice@example.com"
                  autoComplete="email"
                />
                {message && (
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem variant="error">{message}</HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                )}
              </FormGroup>
            </FlexItem>
            <FlexItem className="pf-v6-u-pt-lg">
              <Checkbox
                id={`${id}-disabled`}
                label="Disabled"
                aria-label={`Address ${index + 1} disabled`}
                isChecked={draft.isDisabled}
                onChange={(_event, isDisabled) => update(draft.key, { isDisabled })}
              />
            </FlexItem>
            <FlexItem className="pf-v6-u-pt-md">
              <Button
                variant="plain"
                isDanger
                icon={<TrashIcon />}
                aria-label={`Remove address ${index + 1}`}
                onClick={() => replace(drafts.filter((d) => d.key !== draft.key))}
              />
            </FlexItem>
          </Flex>
        );
      })}
      <Content component="p" aria-live="polite">
        {describeDelivery(drafts, owner)}
      </Content>
      <div>
        <Button
          variant="secondary"
          icon={<PlusCircleIcon />}
          isDisabled={drafts.length >= MAX_SETTINGS}
          onClick={() => replace([...drafts, newSettingDraft()])}
        >
          Add address{owner.isTeam ? ` for ${owner.name}` : ''}
        </Button>
      </div>
      {problem && <ProblemAlert problem={problem} />}
      {isSaved && !problem && (
        <Alert variant="success" isInline title={owner.isTeam ? `Notification settings of ${owner.name} saved` : 'Notification settings saved'} component="h3" />
      )}
      <ActionGroup>
        <Button type="submit" variant="primary" isLoading={isSaving} isDisabled={isSaving}>
          Save{owner.isTeam ? ` ${owner.name}` : ''}
        </Button>
      </ActionGroup>
    </Form>
  );
}
